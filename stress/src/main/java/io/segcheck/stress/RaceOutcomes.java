package io.segcheck.stress;

import io.segcheck.kit.LeaseWorld;
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
 *
 * <p>Two different things throw {@link IllegalStateException}: a refusal of the API (a returned
 * page, a closed allocator: the model predicts it, {@code ILLEGAL_STATE}) and the JDK's guard on a
 * segment whose scope was closed (memory touched after its release or unmap: never legal, the
 * model never predicts it). The second is {@link #CLOSED_SCOPE}, so no test can accept a use after
 * release by mistaking it for a refusal.
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
    /**
     * An access through a segment whose scope was closed: memory used after its release (guard
     * mode closes each lease's view) or after its region was unmapped. Never a legal outcome.
     */
    public static final String CLOSED_SCOPE = "CLOSED_SCOPE";

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

    /**
     * The outcome name of an exception: {@link #CLOSED_SCOPE} for an access to a closed segment,
     * else its model {@link ErrorKind}, else its simple class name.
     */
    public static String describe(RuntimeException failure) {
        if (isClosedScope(failure)) {
            return CLOSED_SCOPE;
        }
        ErrorKind kind = errorKindOf(failure);
        return kind != null ? kind.name() : failure.getClass().getSimpleName();
    }

    /**
     * True when {@code failure} is the JDK refusing an access to a segment whose scope (arena) was
     * closed, as opposed to an {@link IllegalStateException} the API throws as a refusal: the JDK's
     * is thrown from {@code jdk.internal.foreign} code.
     */
    public static boolean isClosedScope(RuntimeException failure) {
        return LeaseWorld.isClosedScope(failure);
    }

    /**
     * The model's kind for an exception of the real system, or null when the model has none
     * (including an access to a closed segment, which the model never predicts).
     */
    public static ErrorKind errorKindOf(RuntimeException failure) {
        if (isClosedScope(failure)) {
            return null;
        }
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
