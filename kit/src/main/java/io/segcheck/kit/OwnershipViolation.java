package io.segcheck.kit;

import io.segcheck.model.ViolationKind;

/**
 * An ownership invariant a concurrency base saw broken, named by kind so a test can demand the
 * exact symptom of a planted bug and not merely "some failure". The kinds are the model's own
 * {@link ViolationKind}s, so a finding of the kit and one of the sweep name a bug the same way.
 */
public final class OwnershipViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final ViolationKind kind;

    public OwnershipViolation(ViolationKind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public ViolationKind kind() {
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
