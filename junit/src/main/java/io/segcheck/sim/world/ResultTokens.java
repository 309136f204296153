package io.segcheck.sim.world;

/**
 * The result words of the world's trace lines ({@code ok}, {@code ok:byte[12]}, {@code ok:guard},
 * {@code err:STALE}, ...) for a call made outside a world, so a checker that runs the real system on
 * its own threads can compare its results with a world's, word for word.
 */
public final class ResultTokens {

    private ResultTokens() {
    }

    /** The word a world writes for a call that returned {@code value} or threw {@code failure} (null: none). */
    public static String of(Object value, Throwable failure) {
        return Calls.token(new Observed(value, failure));
    }

    /** Whether {@code failure} is an error the API may throw (a typed refusal), not a bug by itself. */
    public static boolean isApiError(Throwable failure) {
        return Failures.errorKind(failure) != null;
    }

    /** Whether {@code failure} is FFM's "Already closed": a touch of a segment whose lease view was closed. */
    public static boolean isClosedScope(Throwable failure) {
        return Failures.isClosedScope(failure);
    }

    /** The payload a world's {@code setSlot(page, slot, length, fill)} writes; null for length -1. */
    public static byte[] payload(long length, long fill) {
        return Payloads.of(length, fill);
    }
}
