package io.segcheck.stress.lincheck;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.model.Lease;
import io.segcheck.stress.RaceOutcomes;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent allocate and release are linearizable against the model's allocator: every result
 * agrees with some sequential order of the model (a fresh lease comes zeroed, a held lease is
 * released without refusal), and after every run no slice is leased to two owners (distinct
 * addresses, each owner's mark survived the other's writes) and the allocator's leased-segment
 * counter equals the leases held.
 *
 * <p>The counter is checked after the run, not as an operation: a release is "take a held lease,
 * then release it", two steps of the harness, and a counter read between them by the other thread
 * would be a race of the harness, not of the allocator.
 *
 * <p>The allocator runs without guard mode here: guard mode serializes release on a
 * {@code ReentrantLock}, which Lincheck 3.7's model checker cannot schedule (see
 * {@link LincheckSettings#modelCheckingOfPages}), while the default path is lock-free, which is
 * what this test explores step by step. The constructor maps the 4 KiB region up front, so no
 * operation takes the (locked) mapping path. Use after release is the page tests' concern.
 */
class AllocatorLincheckTest {

    private static final int SEGMENT_BYTES = SizeClass.MIN_BYTES;

    static AllocatorConfig config() {
        return AllocatorConfig.defaults().withRegionBytes(SizeClass.MAX_BYTES);
    }

    /** A leased segment and the mark its owner wrote at offset 0. */
    record Leased(MemorySegment segment, long mark) {
    }

    /** The object Lincheck drives: one allocator and the segments currently leased from it. */
    public static final class AllocatorUnderTest {

        private final OffHeapAllocator allocator = SegmentAllocators.create(config());
        private final Deque<Leased> leased = new ConcurrentLinkedDeque<>();
        private final AtomicLong marks = new AtomicLong();

        public AllocatorUnderTest() {
            allocator.release(allocator.allocate(SEGMENT_BYTES)); // maps the region outside the checked part
        }

        /** Leases a segment; "ok" when it came zeroed (then marks it), else "dirty". */
        @Operation
        public String allocate() {
            MemorySegment segment = allocator.allocate(SEGMENT_BYTES);
            boolean zeroed = segment.get(ValueLayout.JAVA_LONG, 0) == 0
                    && segment.get(ValueLayout.JAVA_LONG, SEGMENT_BYTES - Long.BYTES) == 0;
            long mark = marks.incrementAndGet();
            segment.set(ValueLayout.JAVA_LONG, 0, mark);
            leased.push(new Leased(segment, mark));
            return zeroed ? RaceOutcomes.OK : "dirty";
        }

        /** Releases the most recently leased segment still held, or "none". */
        @Operation
        public String release() {
            Leased lease = leased.poll();
            return lease == null ? "none" : RaceOutcomes.outcomeOf(() -> allocator.release(lease.segment()));
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
                        throw new IllegalStateException("slice leased twice: address=" + lease.segment().address());
                    }
                    long mark = lease.segment().get(ValueLayout.JAVA_LONG, 0);
                    if (mark != lease.mark()) {
                        throw new IllegalStateException("owner's mark overwritten: address=" + lease.segment().address()
                                + " mark=" + mark + " expected=" + lease.mark());
                    }
                }
            } finally {
                allocator.close();
            }
        }
    }

    /** The sequential specification: the model's allocator with the same settings. */
    public static final class Spec {

        private final SpecWorld world = new SpecWorld(config(), 0);
        private final Deque<Lease> leased = new ArrayDeque<>();

        public Spec() {
            world.model().release(world.model().allocate(SEGMENT_BYTES, world.grants()).get()).get();
        }

        public String allocate() {
            var lease = world.model().allocate(SEGMENT_BYTES, world.grants());
            if (lease.isOk()) {
                leased.push(lease.get());
            }
            return world.say(lease);
        }

        public String release() {
            Lease lease = leased.poll();
            return lease == null ? "none" : world.say(world.model().release(lease));
        }
    }

    /**
     * Model checking explores the allocator's lock-free stack and lease CAS step by step. Single
     * steps: zeroing (a 4 KiB loop would exhaust Lincheck's loop bound), the JFR events, region
     * mapping, and the JDK's foreign-memory and method-handle internals (thread-confined work whose
     * instrumentation made every invocation ~100x slower).
     */
    private static org.jetbrains.lincheck.datastructures.ModelCheckingOptions allocatorModelChecking() {
        return LincheckSettings.modelChecking(2)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(AllocatorLincheckTest::isSingleStep)
                        .allMethods().treatAsAtomic());
    }

    private static boolean isSingleStep(String className) {
        return className.equals("io.segcheck.impl.alloc.Zeroing")
                || className.equals("io.segcheck.impl.alloc.AllocatorEvents")
                || className.equals("io.segcheck.impl.alloc.LinuxMmap")
                || className.equals("io.segcheck.impl.alloc.MmapSegmentAllocator")
                || className.equals("io.segcheck.impl.alloc.ArenaSegmentAllocator")
                || LincheckSettings.isJdkInternal(className)
                || className.equals("io.segcheck.stress.RaceOutcomes");
    }

    @Test
    void concurrentAllocateAndReleaseAreLinearizableUnderModelChecking() {
        allocatorModelChecking().sequentialSpecification(Spec.class).check(AllocatorUnderTest.class);
    }

    @Test
    void concurrentAllocateAndReleaseAreLinearizableUnderStress() {
        LincheckSettings.stress(2).sequentialSpecification(Spec.class).check(AllocatorUnderTest.class);
    }
}
