package io.segcheck.stress.lincheck;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.Lease;
import io.segcheck.stress.RaceOutcomes;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent allocate and release are linearizable against the model's allocator: every result
 * agrees with some sequential order of the model (a fresh lease comes zeroed, a held lease is
 * released without refusal), and after every run no slice is leased to two owners (distinct
 * addresses, each owner's mark survived the other's writes) and the allocator's leased-segment
 * counter equals the leases held.
 *
 * <p>Set up so that model checking can split the free stack: one stripe (every thread pops and
 * pushes the same stack head), three operations per thread, and the slow path in reach. It cannot
 * build the ABA itself: release gives back the most recent lease held, so a thread that leased A
 * then B pushes B back, never A; {@link FreeStackAbaLincheckTest} hands the model checker the ABA
 * scenario and finds FREE_STACK_WITHOUT_ABA_TAG. The slow path: 128 KiB and 256 KiB slices in 256 KiB regions under a budget
 * of {@value #BUDGET_REGIONS} regions, so a lease of one class maps a region and, at the budget,
 * unmaps a free region of the other class. The harness holds at most {@value #MAX_HELD} leases
 * (an allocate beyond returns "full" without calling the allocator), so the budget can never run
 * out and the model, which cannot observe the real allocator's mapping, predicts every lease.
 *
 * <p>The counter is checked after the run, not as an operation: a release is "take a held lease,
 * then release it", two steps of the harness, and a counter read between them by the other thread
 * would be a race of the harness, not of the allocator.
 *
 * <p>The allocator runs without guard mode here: guard mode serializes release on a
 * {@code ReentrantLock}, which Lincheck 3.7's model checker cannot schedule (see
 * {@link LincheckSettings#modelCheckingOfPages}). For the same reason the slow path (map and unmap
 * under the map lock) is one step; the fast path is explored step by step. Races inside the slow
 * path are the Fray suite's (fray/).
 */
class AllocatorLincheckTest {

    private static final int SMALL_BYTES = SizeClass.MAX_BYTES / 2;
    private static final int LARGE_BYTES = SizeClass.MAX_BYTES;
    static final int BUDGET_REGIONS = 4;
    static final int MAX_HELD = BUDGET_REGIONS - 1;

    static AllocatorConfig config() {
        return AllocatorConfig.defaults().withRegionBytes(SizeClass.MAX_BYTES)
                .withBudgetBytes((long) BUDGET_REGIONS * SizeClass.MAX_BYTES).withStripeCount(1);
    }

    /** A leased segment and the mark its owner wrote at offset 0. */
    record Leased(MemorySegment segment, long mark) {
    }

    /** The allocator Lincheck drives and the segments currently leased from it; subclasses pick the operations. */
    public abstract static class AllocatorUnderTest {

        private final OffHeapAllocator allocator;
        private final Deque<Leased> leased = new ConcurrentLinkedDeque<>();
        private final AtomicInteger permits = new AtomicInteger(MAX_HELD);
        private final AtomicLong marks = new AtomicLong();

        AllocatorUnderTest(Defects defects, int... mappedClassBytes) {
            this.allocator = SegmentAllocators.create(config(), defects);
            for (int bytes : mappedClassBytes) {
                allocator.release(allocator.allocate(bytes)); // maps the class's region outside the checked part
            }
        }

        /** Leases a segment; "ok" when it came zeroed (then marks it), "dirty" when not, "full" at the harness limit. */
        String allocate(int bytes) {
            if (!takePermit()) {
                return "full";
            }
            MemorySegment segment = allocator.allocate(bytes);
            boolean zeroed = segment.get(ValueLayout.JAVA_LONG, 0) == 0
                    && segment.get(ValueLayout.JAVA_LONG, bytes - Long.BYTES) == 0;
            long mark = marks.incrementAndGet();
            segment.set(ValueLayout.JAVA_LONG, 0, mark);
            leased.push(new Leased(segment, mark));
            return zeroed ? RaceOutcomes.OK : "dirty";
        }

        /** Releases the most recently leased segment still held, or "none". */
        String release() {
            Leased lease = leased.poll();
            if (lease == null) {
                return "none";
            }
            String outcome = RaceOutcomes.outcomeOf(() -> allocator.release(lease.segment()));
            permits.incrementAndGet();
            return outcome;
        }

        private boolean takePermit() {
            int available = permits.get();
            while (available > 0) {
                if (permits.compareAndSet(available, available - 1)) {
                    return true;
                }
                available = permits.get();
            }
            return false;
        }

        /** After every invocation: no two owners share a slice, every mark is intact, the counter is right. */
        @Validate
        public void noSliceHasTwoOwners() {
            Set<Long> addresses = new HashSet<>();
            try {
                long counted = allocator.stats().leasedSegments();
                if (counted != leased.size()) {
                    throw new IllegalStateException("leasedSegments=" + counted + " heldLeases=" + leased.size());
                }
                for (Leased lease : leased) {
                    if (!addresses.add(lease.segment().address())) {
                        throw new IllegalStateException("ALIAS: slice leased twice: address=" + lease.segment().address());
                    }
                    long mark = lease.segment().get(ValueLayout.JAVA_LONG, 0);
                    if (mark != lease.mark()) {
                        throw new IllegalStateException("ALIAS: owner's mark overwritten: address="
                                + lease.segment().address() + " mark=" + mark + " expected=" + lease.mark());
                    }
                }
            } finally {
                allocator.close();
            }
        }
    }

    /** Both classes: the fast path of each, and the slow path between them. */
    public static final class TwoClasses extends AllocatorUnderTest {

        public TwoClasses() {
            super(Defects.none(), SMALL_BYTES, LARGE_BYTES);
        }

        @Operation
        public String allocateSmall() {
            return allocate(SMALL_BYTES);
        }

        @Operation
        public String allocateLarge() {
            return allocate(LARGE_BYTES);
        }

        @Operation
        @Override
        public String release() {
            return super.release();
        }
    }

    /** The sequential specification: the model's allocator with the same settings and the same harness limit. */
    public static class Spec {

        private final SpecWorld world = new SpecWorld(config(), 0);
        private final Deque<Lease> leased = new ArrayDeque<>();

        public Spec() {
            world.model().release(world.model().allocate(SMALL_BYTES, world.grants()).get()).get();
            world.model().release(world.model().allocate(LARGE_BYTES, world.grants()).get()).get();
        }

        String allocate(int bytes) {
            if (leased.size() >= MAX_HELD) {
                return "full";
            }
            var lease = world.model().allocate(bytes, world.grants());
            if (lease.isOk()) {
                leased.push(lease.get());
            }
            return world.say(lease);
        }

        public String allocateSmall() {
            return allocate(SMALL_BYTES);
        }

        public String allocateLarge() {
            return allocate(LARGE_BYTES);
        }

        public String release() {
            Lease lease = leased.poll();
            return lease == null ? "none" : world.say(world.model().release(lease));
        }
    }

    /**
     * Model checking explores the allocator's lock-free stack and lease CAS step by step, three
     * operations per thread.
     */
    private static ModelCheckingOptions allocatorModelChecking() {
        // Half the invocations of the page tests: three operations per thread and a region map per
        // invocation made this test 70-80 s at the full count on 2 loaded cores.
        return withAllocatorSingleSteps(LincheckSettings.modelChecking(3).actorsBefore(0)
                .invocationsPerIteration(Math.max(1, LincheckSettings.invocations() / 2)));
    }

    /**
     * The allocator's single steps: the slow path under the map lock ({@code popOrMap}), close,
     * mapping and unmapping a region, zeroing (a loop would exhaust Lincheck's loop bound), the JFR
     * events, and the JDK's foreign-memory and method-handle internals (thread-confined work whose
     * instrumentation made every invocation ~100x slower). Named by method where the class is the
     * allocator itself: a guarantee on a whole class also covers the methods it inherits, so one on
     * {@code MmapSegmentAllocator} made every call of the allocator one step, the fast path's pop
     * and its CAS included, and no interleaving inside the free stack was ever explored.
     */
    static ModelCheckingOptions withAllocatorSingleSteps(ModelCheckingOptions options) {
        return options
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(AllocatorLincheckTest::isSingleStep)
                        .allMethods().treatAsAtomic())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses("io.segcheck.impl.alloc.PooledSegmentAllocator",
                                "io.segcheck.impl.alloc.MmapSegmentAllocator", "io.segcheck.impl.alloc.ArenaSegmentAllocator")
                        .methods("popOrMap", "close", "mapRegion", "unmapRegion").treatAsAtomic());
    }

    private static boolean isSingleStep(String className) {
        return className.equals("io.segcheck.impl.alloc.Zeroing")
                || className.equals("io.segcheck.impl.alloc.AllocatorEvents")
                || className.equals("io.segcheck.impl.alloc.LinuxMmap")
                || LincheckSettings.isJdkInternal(className)
                || className.equals("io.segcheck.stress.RaceOutcomes");
    }

    @Test
    void concurrentAllocateAndReleaseAreLinearizableUnderModelChecking() {
        allocatorModelChecking().sequentialSpecification(Spec.class).check(TwoClasses.class);
    }

    @Test
    void concurrentAllocateAndReleaseAreLinearizableUnderStress() {
        LincheckSettings.stress(3).sequentialSpecification(Spec.class).check(TwoClasses.class);
    }
}
