package io.segcheck.sim.world;

import io.segcheck.model.fault.Faults;
import io.segcheck.model.fault.ModeledFailure;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.ViolationKind;

/**
 * Maps what the real system threw onto the model's vocabulary: an {@link ErrorKind} when the
 * exception is one the API may legitimately throw, and the {@link ViolationKind} it is when the
 * model did not predict it.
 */
final class Failures {

    private Failures() {
    }

    /** The API error kind of {@code failure}, or null when it is no API error (a bug by itself). */
    static ErrorKind errorKind(Throwable failure) {
        if (Faults.isInjected(failure)) {
            return ErrorKind.FAULT;
        }
        if (failure instanceof ModeledFailure modeled) {
            return modeled.errorKind(); // the system's own exception says what it is (a full page, a poison violation)
        }
        if (isClosedScope(failure)) {
            return null;
        }
        return switch (failure) {
            case AllocatorExhaustedException exhausted -> ErrorKind.EXHAUSTED;
            case SegmentOwnershipException rejected -> switch (rejected.kind()) {
                case DOUBLE_RELEASE -> ErrorKind.DOUBLE_RELEASE;
                case FOREIGN -> ErrorKind.FOREIGN;
                case STALE -> ErrorKind.STALE;
            };
            case IndexOutOfBoundsException outOfBounds -> ErrorKind.INDEX_OUT_OF_BOUNDS;
            case NullPointerException nullPointer -> ErrorKind.NULL_POINTER;
            case IllegalArgumentException illegalArgument -> ErrorKind.ILLEGAL_ARGUMENT;
            case IllegalStateException illegalState -> ErrorKind.ILLEGAL_STATE;
            default -> null;
        };
    }

    /**
     * What an exception the model did not predict means: a refused release is the matching
     * *_RELEASE; touching memory whose scope closed (guard mode) or whose quarantine poison was
     * overwritten is USE_AFTER_RELEASE; anything else is UNEXPECTED_ERROR.
     */
    static ViolationKind violationKind(Throwable failure) {
        if (failure instanceof SegmentOwnershipException rejected) {
            return switch (rejected.kind()) {
                case DOUBLE_RELEASE -> ViolationKind.DOUBLE_RELEASE;
                case FOREIGN -> ViolationKind.FOREIGN_RELEASE;
                case STALE -> ViolationKind.STALE_RELEASE;
            };
        }
        if (failure instanceof ModeledFailure modeled) {
            return modeled.violationKind();
        }
        if (isClosedScope(failure)) {
            return ViolationKind.USE_AFTER_RELEASE;
        }
        return ViolationKind.UNEXPECTED_ERROR;
    }

    /**
     * Whether {@code failure} is FFM's "Already closed": a read, write or fill through a segment
     * whose lease view was closed on release (guard mode).
     */
    static boolean isClosedScope(Throwable failure) {
        if (!(failure instanceof IllegalStateException)) {
            return false;
        }
        if ("Already closed".equals(failure.getMessage())) {
            return true;
        }
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("jdk.internal.foreign");
    }

    /** {@code IllegalStateException: page segments were returned ...}, one line. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
