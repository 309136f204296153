package io.segcheck.stress.jcstress;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SegmentOwnershipException;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * What every JCStress test here shares: the per-fork allocator, the vocabulary of outcomes, and
 * the leak probe its arbiter runs.
 *
 * <p>Outcomes are short strings so a jcstress report reads as a sentence: {@code "ok"} for a call
 * that completed, the {@link SegmentOwnershipException.Kind} name ({@code DOUBLE_RELEASE},
 * {@code STALE}, {@code FOREIGN}) for a release the allocator refused, otherwise the exception's
 * simple class name.
 */
final class StressFixtures {

    /** A call that completed normally. */
    static final String OK = "ok";
    /** A record read back exactly as written. */
    static final String INTACT = "intact";
    /** A record read back as all zero bytes: someone zero-filled memory the reader owns. */
    static final String ZEROED = "zeroed";
    /** A record read back partly overwritten. */
    static final String TORN = "torn";

    /** The bytes the tests write: a non-zero pattern, so zero-filling is visible. */
    static final byte PATTERN_BYTE = 0x5A;
    static final int PATTERN_BYTES = 64;

    private StressFixtures() {
    }

    /**
     * One allocator for one test class in one fork JVM. Not in guard mode: jcstress states must be
     * cheap, and Page_03 needs a released slice to be reused at once (guard mode would quarantine it).
     * The fork's exit unmaps it.
     */
    static SegmentAllocator forkAllocator() {
        return SegmentAllocators.create(AllocatorConfig.defaults());
    }

    /** A fresh copy of the record pattern. */
    static byte[] pattern() {
        byte[] data = new byte[PATTERN_BYTES];
        Arrays.fill(data, PATTERN_BYTE);
        return data;
    }

    /** Runs {@code action} and names how it ended. */
    static String outcomeOf(Runnable action) {
        try {
            action.run();
            return OK;
        } catch (RuntimeException failure) {
            return describe(failure);
        }
    }

    /** The outcome name of an exception: the ownership kind for refused releases, else the class. */
    static String describe(RuntimeException failure) {
        if (failure instanceof SegmentOwnershipException ownership) {
            return ownership.kind().name();
        }
        return failure.getClass().getSimpleName();
    }

    /** INTACT, ZEROED or TORN for a record that should equal {@link #pattern()}. */
    static String classify(byte[] record) {
        if (record == null) {
            return "empty";
        }
        int patternBytes = 0;
        int zeroBytes = 0;
        for (byte value : record) {
            patternBytes += value == PATTERN_BYTE ? 1 : 0;
            zeroBytes += value == 0 ? 1 : 0;
        }
        if (record.length == PATTERN_BYTES && patternBytes == PATTERN_BYTES) {
            return INTACT;
        }
        return zeroBytes == record.length ? ZEROED : TORN;
    }

    /**
     * Counts how many of {@code segments} are still leased, and ends those leases. Releasing is
     * the probe: the allocator accepts only the exact instance of a current lease and refuses a
     * released one (DOUBLE_RELEASE, or STALE once its slice was leased again) without changing
     * anything, so an accepted release is a segment nobody gave back: a leak. Distinct instances
     * are probed once each.
     */
    static int leakedSegments(SegmentAllocator allocator, MemorySegment... segments) {
        int leaked = 0;
        for (int index = 0; index < segments.length; index++) {
            if (segments[index] == null || seenBefore(segments, index)) {
                continue;
            }
            try {
                allocator.release(segments[index]);
                leaked++;
            } catch (SegmentOwnershipException alreadyReleased) {
                // The expected case: the owner gave it back exactly once.
            }
        }
        return leaked;
    }

    private static boolean seenBefore(MemorySegment[] segments, int index) {
        for (int earlier = 0; earlier < index; earlier++) {
            if (segments[earlier] == segments[index]) {
                return true;
            }
        }
        return false;
    }
}
