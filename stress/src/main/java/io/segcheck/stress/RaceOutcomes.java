package io.segcheck.stress;

import io.segcheck.impl.alloc.SegmentOwnershipException;

import java.util.Arrays;

/**
 * The vocabulary in which every stress test reports what a call did, shared by the JCStress and
 * the Lincheck tests. Outcomes are short strings, so a JCStress table or a Lincheck interleaving
 * reads as a sentence, and two outcomes compare by value: {@link #OK} for a call that completed,
 * the {@link SegmentOwnershipException.Kind} name ({@code DOUBLE_RELEASE}, {@code STALE},
 * {@code FOREIGN}) for a release the allocator refused, otherwise the exception's simple class name.
 */
public final class RaceOutcomes {

    /** A call that completed normally. */
    public static final String OK = "ok";
    /** A record read back exactly as written. */
    public static final String INTACT = "intact";
    /** A record read back as all zero bytes: someone zero-filled memory the reader owns. */
    public static final String ZEROED = "zeroed";
    /** A record read back partly overwritten. */
    public static final String TORN = "torn";
    /** A slot that holds no record. */
    public static final String EMPTY = "empty";

    /** The byte the tests write: non-zero, so zero-filling is visible. */
    public static final byte PATTERN_BYTE = 0x5A;
    /** Length of the record the tests write. */
    public static final int PATTERN_BYTES = 64;

    private RaceOutcomes() {
    }

    /** A fresh copy of the test record. */
    public static byte[] pattern() {
        byte[] data = new byte[PATTERN_BYTES];
        Arrays.fill(data, PATTERN_BYTE);
        return data;
    }

    /** Runs {@code action} and names how it ended. */
    public static String outcomeOf(Runnable action) {
        try {
            action.run();
            return OK;
        } catch (RuntimeException failure) {
            return describe(failure);
        }
    }

    /** The outcome name of an exception: the ownership kind for refused releases, else the class. */
    public static String describe(RuntimeException failure) {
        if (failure instanceof SegmentOwnershipException ownership) {
            return ownership.kind().name();
        }
        return failure.getClass().getSimpleName();
    }

    /** INTACT, ZEROED, TORN or EMPTY for a record that should equal {@link #pattern()}. */
    public static String classify(byte[] record) {
        if (record == null) {
            return EMPTY;
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
}
