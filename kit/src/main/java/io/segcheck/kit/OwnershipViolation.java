package io.segcheck.kit;

/**
 * An ownership invariant a concurrency base saw broken, named by kind so a test can demand the
 * exact symptom of a planted bug and not merely "some failure". The kinds carry the names of
 * segcheck's model ({@code io.segcheck.model.ViolationKind}), which the kit does not depend on.
 */
public final class OwnershipViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** What broke. */
    public enum Kind {
        /** One byte range leased to two owners at once (overlapping live ranges, or an owner's mark overwritten). */
        ALIAS,
        /** A zeroing design handed out a segment holding a previous owner's bytes. */
        NOT_ZEROED,
        /** A second release of one lease was accepted: it counted or freed the segment again. */
        DOUBLE_RELEASE,
        /** A release of an old instance, after its address was leased again, ended the new owner's lease. */
        STALE_RELEASE,
        /** Leases nobody holds still counted (leased count not back to 0). */
        LEAK,
        /** A counter the allocator keeps differs from the leases held. */
        STATS,
        /** A call failed in a way the declared design does not allow. */
        UNEXPECTED_ERROR,
        /** A call the declared design says must be refused was not. */
        MISSING_ERROR
    }

    private final Kind kind;

    public OwnershipViolation(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The first {@link OwnershipViolation} in {@code failure}'s cause chain, or null. */
    public static OwnershipViolation in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OwnershipViolation violation) {
                return violation;
            }
        }
        return null;
    }
}
