package io.segcheck.fray;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;

/** The small worlds the races run in, and the checks every race shares. */
final class Worlds {

    /** One region per class of the smallest allowed size, so a world maps little memory per iteration. */
    static final long REGION_BYTES = SizeClass.MAX_BYTES;

    private Worlds() {
    }

    /**
     * One free stack per class. The allocator picks a stack by the calling thread's id, and Fray
     * runs every iteration on new threads with new ids: with several stacks a replay would take
     * other paths through the stacks than the recorded run (other scheduling points), and the
     * recorded schedule would not replay. Stealing between stacks is the JCStress and soak tests' part.
     */
    static final int STRIPES = 1;

    /** A guard-mode allocator (every lease a view closed on release) with the given defects. */
    static OffHeapAllocator guardedAllocator(Defects defects) {
        return SegmentAllocators.create(AllocatorConfig.defaults().withRegionBytes(REGION_BYTES)
                .withGuardMode(true).withStripeCount(STRIPES), defects);
    }

    /**
     * A plain allocator (no guard views, no quarantine: a released slice is reused at once) with
     * the given budget and defects.
     */
    static OffHeapAllocator plainAllocator(long budgetBytes, Defects defects) {
        return plainAllocator(budgetBytes, STRIPES, defects);
    }

    /** As {@link #plainAllocator(long, Defects)} with {@code stripeCount} free stacks per class. */
    static OffHeapAllocator plainAllocator(long budgetBytes, int stripeCount, Defects defects) {
        return SegmentAllocators.create(AllocatorConfig.defaults().withRegionBytes(REGION_BYTES)
                .withBudgetBytes(budgetBytes).withStripeCount(stripeCount), defects);
    }

    /** The allocator must count exactly {@code expected} leased segments (a quiet moment: no call in flight). */
    static void checkLeased(OffHeapAllocator allocator, long expected, String when) {
        long leased = allocator.stats().leasedSegments();
        if (leased > expected) {
            throw new RaceViolation(ViolationKind.LEAK, when + ": leasedSegments=" + leased + " expected=" + expected);
        }
        if (leased < expected) {
            throw new RaceViolation(ViolationKind.DOUBLE_RELEASE, when + ": leasedSegments=" + leased
                    + " expected=" + expected + " (a slice was freed twice or freed under its owner)");
        }
    }

    /**
     * Probes whether {@code segment} is still leased by releasing it: an accepted release means
     * nobody gave it back (the probe ends that lease); a typed refusal means it was given back.
     */
    static boolean stillLeased(OffHeapAllocator allocator, MemorySegment segment) {
        try {
            allocator.release(segment);
            return true;
        } catch (SegmentOwnershipException alreadyReleased) {
            return false;
        }
    }

}
