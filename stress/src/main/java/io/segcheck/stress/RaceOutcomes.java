package io.segcheck.stress;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.page.PageFullException;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.Outcome;

import java.util.Arrays;

/**
 * The vocabulary in which every stress test reports what a call did, shared by the JCStress and
 * the Lincheck tests. Outcomes are short strings, so a JCStress table or a Lincheck interleaving
 * reads as a sentence, and two outcomes compare by value: {@link #OK} for a call that completed,
 * otherwise the name of the model's {@link ErrorKind} for the exception ({@code DOUBLE_RELEASE},
 * {@code STALE}, {@code ILLEGAL_STATE}, ...). Using the model's names lets a Lincheck sequential
 * specification render the model's predicted {@link Outcome} in the very same words
 * ({@link #of(Outcome)}); an exception the model has no kind for keeps its class name, so it can
 * never match a prediction.
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
        return pattern(PATTERN_BYTES);
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

    /** The outcome name of an exception: its model {@link ErrorKind}, else its simple class name. */
    public static String describe(RuntimeException failure) {
        ErrorKind kind = errorKindOf(failure);
        return kind != null ? kind.name() : failure.getClass().getSimpleName();
    }

    /** The model's kind for an exception of the real system, or null when the model has none. */
    public static ErrorKind errorKindOf(RuntimeException failure) {
        return switch (failure) {
            case SegmentOwnershipException ownership -> ErrorKind.valueOf(ownership.kind().name());
            case PageFullException full -> ErrorKind.PAGE_FULL;
            case AllocatorExhaustedException exhausted -> ErrorKind.EXHAUSTED;
            case IllegalStateException state -> ErrorKind.ILLEGAL_STATE;
            case IllegalArgumentException argument -> ErrorKind.ILLEGAL_ARGUMENT;
            case IndexOutOfBoundsException index -> ErrorKind.INDEX_OUT_OF_BOUNDS;
            case NullPointerException nullPointer -> ErrorKind.NULL_POINTER;
            default -> null;
        };
    }

    /** A model prediction in the same words: {@link #OK} or the error kind's name. */
    public static String of(Outcome<?> predicted) {
        return predicted.isOk() ? OK : predicted.error().name();
    }

    /**
     * A record in a few comparable words: {@link #EMPTY}, or its length and whether every byte is
     * the test's {@link #PATTERN_BYTE} ({@code "6000B"}, {@code "64B-damaged"}).
     */
    public static String describeRecord(byte[] record) {
        if (record == null) {
            return EMPTY;
        }
        for (byte value : record) {
            if (value != PATTERN_BYTE) {
                return record.length + "B-damaged";
            }
        }
        return record.length + "B";
    }

    /** A record of {@code lengthBytes} bytes of the test pattern. */
    public static byte[] pattern(int lengthBytes) {
        byte[] data = new byte[lengthBytes];
        Arrays.fill(data, PATTERN_BYTE);
        return data;
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
