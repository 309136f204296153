package io.segcheck.kit.lincheck;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Lincheck test of any {@link OffHeapAllocator}: two threads allocate (the smallest and the
 * largest class), release what they hold and release an instance again (a double or, once its
 * address is leased again, a stale release), and the results must be those of some sequential
 * order of the same calls. After every run no address is leased twice, every owner's mark is
 * intact and the known stats fields equal the leases held.
 *
 * <p>Extend it with a public no-argument constructor that passes the factory, then run it:
 * <pre>{@code
 * public class MyAllocatorLincheckTest extends AllocatorLincheckBase {
 *     public MyAllocatorLincheckTest() { super(new MyAllocatorFactory()); }
 *     @Test void linearizable() { stress(MyAllocatorLincheckTest.class); }
 * }
 * }</pre>
 * The allocator is built with guard mode off: Lincheck's model checker cannot schedule threads
 * parked on {@code java.util.concurrent} locks, so {@link #modelCheck} is for lock-free or
 * {@code synchronized} allocators, and {@link #stress} for any.
 *
 * <p>Lincheck builds one instance per run and more for its sequential verification, and only the
 * runs' instances reach {@code @Validate}. So every allocator built here is kept in a registry per
 * test class: building one closes all but the {@value #KEPT_OPEN} most recent (Lincheck is done with
 * an instance once it has built the next few), and {@link #stress}/{@link #modelCheck} close every
 * one left when Lincheck returns. An allocator that maps tens of megabytes when built no longer
 * exhausts native memory over a run.
 */
public abstract class AllocatorLincheckBase {

    /** Allocators left open besides the newest: the verification's instances are short-lived. */
    static final int KEPT_OPEN = 8;

    /**
     * The allocators built per test class, oldest first. Static because Lincheck builds the test
     * instances reflectively, so nothing can be passed to them; one entry per test class keeps
     * classes run side by side apart.
     */
    private static final Map<Class<?>, Deque<OffHeapAllocator>> OPEN = new ConcurrentHashMap<>();

    /** A leased segment and the mark its owner wrote at offset 0. */
    private record Leased(MemorySegment segment, long mark) {
    }

    private final OffHeapAllocator allocator;
    private final AllocatorDesign design;
    private final Deque<Leased> leased = new ConcurrentLinkedDeque<>();
    private final Deque<MemorySegment> released = new ConcurrentLinkedDeque<>();
    private final AtomicLong marks = new AtomicLong();

    protected AllocatorLincheckBase(AllocatorFactory factory) {
        // Regions of one largest segment, so a released address comes back within a few calls even
        // for an oldest-first pool, and a stale release is among the scenarios.
        AllocatorSettings roomy = AllocatorSettings.roomy().withGuardMode(false).withBudgetBytes(64L << 20);
        AllocatorSettings settings = roomy.withRegionBytes(factory.design(roomy).maxClassBytes());
        this.design = factory.design(settings);
        this.allocator = factory.create(settings);
        register(getClass(), allocator);
        // Warm-up outside the checked part: maps memory and initialises classes.
        allocator.release(allocator.allocate(design.sizeClassesBytes().getFirst()));
        allocator.release(allocator.allocate(design.maxClassBytes()));
    }

    /** Leases a segment of the smallest class; "ok", or "dirty" when a zeroing design handed out non-zero bytes. */
    @Operation
    public String allocateSmall() {
        return allocate(design.sizeClassesBytes().getFirst());
    }

    /** Leases a segment of the largest class. */
    @Operation
    public String allocateLarge() {
        return allocate(design.maxClassBytes());
    }

    private String allocate(int bytes) {
        MemorySegment segment;
        try {
            segment = allocator.allocate(bytes);
        } catch (RuntimeException refused) {
            return refused.getClass().getSimpleName();
        }
        boolean zero = segment.get(ValueLayout.JAVA_LONG, 0) == 0;
        long mark = marks.incrementAndGet();
        segment.set(ValueLayout.JAVA_LONG, 0, mark);
        leased.push(new Leased(segment, mark));
        return zero || !design.zeroed() ? "ok" : "dirty";
    }

    /** Releases the most recently leased segment still held, or "none". */
    @Operation
    public String release() {
        Leased lease = leased.poll();
        if (lease == null) {
            return "none";
        }
        String result = outcome(lease.segment());
        released.push(lease.segment());
        return result;
    }

    /**
     * Releases the most recently released instance again: it must be refused as the design declares
     * ("none" for a design that never validates a release: that release is the caller's bug).
     */
    @Operation
    public String releaseAgain() {
        MemorySegment again = design.validatesReleases() ? released.peek() : null;
        return again == null ? "none" : outcome(again);
    }

    private String outcome(MemorySegment segment) {
        try {
            allocator.release(segment);
            return "ok";
        } catch (SegmentOwnershipException refused) {
            return "refused"; // the kind depends on whether the address was leased again: an order detail
        } catch (RuntimeException other) {
            return other.getClass().getSimpleName();
        }
    }

    /** After every run: no address held twice, marks intact, the known counters equal to the leases held. */
    @Validate
    public void noSegmentHasTwoOwners() {
        try {
            Set<Long> addresses = new HashSet<>();
            long bytes = 0;
            for (Leased lease : leased) {
                if (!addresses.add(lease.segment().address())) {
                    throw new IllegalStateException("address leased twice: 0x" + Long.toHexString(lease.segment().address()));
                }
                long mark = lease.segment().get(ValueLayout.JAVA_LONG, 0);
                if (mark != lease.mark()) {
                    throw new IllegalStateException("owner's mark overwritten at 0x"
                            + Long.toHexString(lease.segment().address()) + ": mark=" + mark + " expected=" + lease.mark());
                }
                bytes += lease.segment().byteSize();
            }
            AllocatorStats stats = allocator.stats();
            check("leasedSegments", leased.size(), stats.leasedSegments());
            check("leasedBytes", bytes, stats.leasedBytes());
        } finally {
            allocator.close();
        }
    }

    private static void check(String field, long expected, long actual) {
        if (actual != AllocatorStats.UNKNOWN && actual != expected) {
            throw new IllegalStateException("stats " + field + "=" + actual + " but the leases held add up to " + expected);
        }
    }

    /**
     * Stress mode: real threads, any allocator. Scenarios and runs per scenario come from the system
     * properties {@code segcheck.lincheck.iterations} (default 5) and {@code
     * segcheck.lincheck.invocations} (default 40): small, because every run builds and closes a new
     * allocator; raise them in a nightly job.
     */
    public static void stress(Class<? extends AllocatorLincheckBase> test) {
        stress(test, true);
    }

    /** As {@link #stress(Class)}; {@code minimize=false} reports the failing scenario as found, which is faster. */
    public static void stress(Class<? extends AllocatorLincheckBase> test, boolean minimize) {
        try {
            stressOnly(test, minimize);
        } finally {
            closeAll(test);
        }
    }

    private static void stressOnly(Class<? extends AllocatorLincheckBase> test, boolean minimize) {
        new StressOptions().iterations(Integer.getInteger("segcheck.lincheck.iterations", 5))
                .invocationsPerIteration(Integer.getInteger("segcheck.lincheck.invocations", 40))
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2).minimizeFailedScenario(minimize)
                .check(test);
    }

    /**
     * Model checking: every interleaving of the allocator's own shared-memory steps, with the JDK's
     * foreign-memory internals as single steps. For lock-free or {@code synchronized} allocators.
     */
    public static void modelCheck(Class<? extends AllocatorLincheckBase> test) {
        modelCheck(test, true);
    }

    /**
     * As {@link #modelCheck(Class)}; {@code minimize=false} reports the failing scenario as found,
     * which is much faster for a red twin that only has to show the bug is found (deterministic
     * either way: model checking explores the same interleavings in the same order every run).
     */
    public static void modelCheck(Class<? extends AllocatorLincheckBase> test, boolean minimize) {
        try {
            modelCheckOnly(test, minimize);
        } finally {
            closeAll(test);
        }
    }

    private static void modelCheckOnly(Class<? extends AllocatorLincheckBase> test, boolean minimize) {
        new ModelCheckingOptions().iterations(Integer.getInteger("segcheck.lincheck.iterations", 5))
                .invocationsPerIteration(Integer.getInteger("segcheck.lincheck.invocations", 40))
                .threads(2).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(2).minimizeFailedScenario(minimize)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(AllocatorLincheckBase::isJdkInternal)
                        .allMethods().treatAsAtomic())
                .check(test);
    }

    /** Keeps {@code allocator} in {@code test}'s registry and closes all but the {@link #KEPT_OPEN} newest before it. */
    private static void register(Class<?> test, OffHeapAllocator allocator) {
        Deque<OffHeapAllocator> open = OPEN.computeIfAbsent(test, key -> new ConcurrentLinkedDeque<>());
        open.addLast(allocator);
        while (open.size() > KEPT_OPEN + 1) {
            closeQuietly(open.pollFirst());
        }
    }

    /** Closes every allocator built for {@code test} that is still open. */
    static void closeAll(Class<?> test) {
        Deque<OffHeapAllocator> open = OPEN.remove(test);
        if (open != null) {
            open.forEach(AllocatorLincheckBase::closeQuietly);
        }
    }

    private static void closeQuietly(OffHeapAllocator allocator) {
        if (allocator == null) {
            return;
        }
        try {
            allocator.close(); // idempotent by contract; a run's own @Validate may have closed it
        } catch (RuntimeException alreadyReported) {
            // a close that throws is the closed-state tests' finding, not this cleanup's
        }
    }

    private static boolean isJdkInternal(String className) {
        return className.startsWith("jdk.internal.") || className.startsWith("java.lang.foreign.")
                || className.startsWith("java.lang.invoke.") || className.startsWith("jdk.jfr.");
    }
}
