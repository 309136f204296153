package io.segcheck.fray;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.ViolationKind;
import io.segcheck.stress.RaceOutcomes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator races of the Fray suite: lease and release on the lock-free free stack, against
 * each other, against the unmapping of free regions under budget pressure, and against close.
 * Every lease is stamped with a mark its owner checks, so a slice handed to two owners, or unmapped
 * under one, shows as a broken mark or a closed scope.
 */
final class AllocatorRaces {

    private static final int SMALL = SizeClass.MIN_BYTES;

    private AllocatorRaces() {
    }

    /** Allocates, checks the lease is zeroed and stamps {@code mark} into it; a failure is an outcome word. */
    static MemorySegment leaseAndStamp(OffHeapAllocator allocator, long bytes, long mark) {
        MemorySegment segment = allocator.allocate(bytes);
        if (segment.get(ValueLayout.JAVA_LONG, 0) != 0) {
            throw new RaceViolation(ViolationKind.LOST_DATA, "a fresh lease was not zeroed: address=0x"
                    + Long.toHexString(segment.address()));
        }
        segment.set(ValueLayout.JAVA_LONG, 0, mark);
        return segment;
    }

    /** The mark must still be there: nobody else wrote this slice while it was ours. */
    static void checkMark(MemorySegment segment, long mark, Race race, String who) {
        long seen = segment.get(ValueLayout.JAVA_LONG, 0);
        if (seen != mark) {
            race.violated(ViolationKind.ALIAS, who + "'s lease was overwritten: address=0x"
                    + Long.toHexString(segment.address()) + " mark=" + seen + " expected=" + mark);
        }
    }

    /**
     * One stack for every thread: the first thread leases one slice; the second leases two and
     * releases the first of them. A pop that read the head, was preempted while the other thread
     * popped that slice and the one below it and pushed the first back, must fail its CAS (the
     * tag moved on); without the tag it succeeds and puts the leased second slice back on the stack.
     */
    static final class PopVsPopPush extends Race {

        private final OffHeapAllocator allocator;
        private volatile MemorySegment firstLease;
        private volatile MemorySegment secondKept;

        PopVsPopPush(Defects defects) {
            this.allocator = Worlds.plainAllocator(1L << 20, defects);
            allocator.release(allocator.allocate(SMALL)); // maps the region before the race
        }

        @Override
        public void first() {
            firstLease = leaseAndStamp(allocator, SMALL, 1);
        }

        @Override
        public void second() {
            MemorySegment released = leaseAndStamp(allocator, SMALL, 2);
            secondKept = leaseAndStamp(allocator, SMALL, 3);
            allocator.release(released);
        }

        @Override
        void checkAfter() {
            // Two more leases after the race: none may share a slice with a lease still held.
            List<MemorySegment> held = new ArrayList<>(List.of(firstLease, secondKept));
            held.add(allocator.allocate(SMALL));
            held.add(allocator.allocate(SMALL));
            Map<Long, Integer> owners = new HashMap<>();
            for (int index = 0; index < held.size(); index++) {
                Integer earlier = owners.putIfAbsent(held.get(index).address(), index);
                if (earlier != null) {
                    throw new RaceViolation(ViolationKind.ALIAS, "slice 0x" + Long.toHexString(held.get(index).address())
                            + " is leased twice: lease " + earlier + " and lease " + index
                            + " (leases 0-1 from the race, 2-3 after it)");
                }
            }
            for (MemorySegment segment : held) {
                allocator.release(segment);
            }
            Worlds.checkLeased(allocator, 0, "after every lease was released");
        }

        @Override
        public void close() {
            allocator.close();
        }
    }

    /**
     * A budget of one region. The first thread leases a small slice from the mapped, otherwise
     * free, small-class region, stamps it, checks it and releases it; the second leases a slice of
     * the next class, which needs a region, so it unmaps free regions to make room. The region
     * with the small lease must stay mapped (the second thread is then refused with
     * {@link AllocatorExhaustedException}); one that was free before the lease may go.
     */
    static final class LeaseVsUnmap extends Race {

        private final OffHeapAllocator allocator;
        private volatile String leaseOutcome;
        private volatile String unmapOutcome;

        /**
         * Four stacks per class: the small slices sit on the stack of the thread that built the
         * world, so the lease steals from another thread's stack, and the seeded exploration found
         * UNMAP_COUNTS_BEFORE_DRAIN in iteration 34 (with one stack: not in 100 iterations, POS or
         * PCT). The stripes follow thread ids, so iteration counts here depend on which tests ran
         * before in the same JVM.
         */
        LeaseVsUnmap(Defects defects) {
            this.allocator = Worlds.plainAllocator(Worlds.REGION_BYTES, 4, defects);
            allocator.release(allocator.allocate(SMALL)); // the small class's region, all free
        }

        @Override
        public void first() {
            leaseOutcome = RaceOutcomes.outcomeOf(() -> {
                MemorySegment segment = leaseAndStamp(allocator, SMALL, 7);
                checkMark(segment, 7, this, "small lease");
                allocator.release(segment);
            });
        }

        @Override
        public void second() {
            unmapOutcome = RaceOutcomes.outcomeOf(() -> allocator.release(allocator.allocate(2 * SMALL)));
        }

        @Override
        void checkAfter() {
            // The allocator is never closed here, so a closed scope, a refusal as closed or its own
            // slice called foreign can only mean its region was unmapped while it held the slice.
            if (leaseOutcome.equals(RaceOutcomes.CLOSED_SCOPE) || leaseOutcome.equals("ILLEGAL_STATE")
                    || leaseOutcome.equals("FOREIGN")) {
                throw new RaceViolation(ViolationKind.UNMAP_IN_USE, "the small lease's region was unmapped under it: "
                        + "lease=" + leaseOutcome + " unmap=" + unmapOutcome);
            }
            // Either may be refused: whichever class holds the one region's worth of budget while
            // the other asks keeps it (the second thread unmaps the free small region first, then
            // the small lease finds the budget spent).
            boolean legal = (leaseOutcome.equals(RaceOutcomes.OK) || leaseOutcome.equals("EXHAUSTED"))
                    && (unmapOutcome.equals(RaceOutcomes.OK) || unmapOutcome.equals("EXHAUSTED"));
            if (!legal) {
                throw new RaceViolation(ViolationKind.UNEXPECTED_ERROR, "lease=" + leaseOutcome + " unmap=" + unmapOutcome);
            }
            Worlds.checkLeased(allocator, 0, "after both released");
        }

        @Override
        public void close() {
            allocator.close();
        }
    }

    /**
     * One thread leases, stamps, checks and releases; the other closes the allocator. Each call
     * either completes or is refused as closed (ILLEGAL_STATE); a segment touched after close
     * throws (CLOSED_SCOPE) and never reaches unmapped memory; nothing else may happen.
     */
    static final class LeaseVsClose extends Race {

        private final OffHeapAllocator allocator;
        private volatile String leaseOutcome;
        private volatile String closeOutcome;

        LeaseVsClose(Defects defects) {
            this.allocator = Worlds.plainAllocator(1L << 20, defects);
            allocator.release(allocator.allocate(SMALL));
        }

        @Override
        public void first() {
            leaseOutcome = RaceOutcomes.outcomeOf(() -> {
                MemorySegment segment = leaseAndStamp(allocator, SMALL, 9);
                checkMark(segment, 9, this, "lease");
                allocator.release(segment);
            });
        }

        @Override
        public void second() {
            closeOutcome = RaceOutcomes.outcomeOf(allocator::close);
        }

        @Override
        void checkAfter() {
            boolean legal = closeOutcome.equals(RaceOutcomes.OK) && (leaseOutcome.equals(RaceOutcomes.OK)
                    || leaseOutcome.equals("ILLEGAL_STATE") || leaseOutcome.equals(RaceOutcomes.CLOSED_SCOPE));
            if (!legal) {
                throw new RaceViolation(ViolationKind.UNEXPECTED_ERROR, "lease=" + leaseOutcome + " close=" + closeOutcome);
            }
            String after = RaceOutcomes.outcomeOf(() -> allocator.allocate(SMALL));
            if (!after.equals("ILLEGAL_STATE")) {
                throw new RaceViolation(ViolationKind.MISSING_ERROR, "allocate after close: " + after);
            }
        }

        @Override
        public void close() {
            allocator.close();
        }
    }
}
