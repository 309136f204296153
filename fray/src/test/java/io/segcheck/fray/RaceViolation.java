package io.segcheck.fray;

import io.segcheck.model.ViolationKind;

/**
 * An ownership invariant broken in one iteration of a race, named with the model's
 * {@link ViolationKind}, so a red twin can demand the exact symptom of its defect and not merely
 * "some failure". Thrown by {@link Race#check()} and by checks at observation points inside a thread.
 */
final class RaceViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final ViolationKind kind;

    RaceViolation(ViolationKind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    ViolationKind kind() {
        return kind;
    }
}
