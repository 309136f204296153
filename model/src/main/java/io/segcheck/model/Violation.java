package io.segcheck.model;

import java.util.Objects;

/**
 * One disagreement between the real system and the model, told as a sentence.
 *
 * <p>The message says what happened, to which segment (address and lease) and page, and who owned
 * the segment before; {@link #sentence()} prefixes the step and the kind, so a failing run prints
 * one readable line such as {@code step 7: DOUBLE_RELEASE: page#2 released segment 0x7f00..
 * (lease #5, class 4096) which page#2 had already released at step 4}.
 *
 * @param kind what class of bug this is; shrinking preserves it
 * @param stepIndex the step (0-based) after which the disagreement was seen; -1 when it was seen
 *     while building the world, before any step
 * @param message what happened, with the values that show it
 */
public record Violation(ViolationKind kind, int stepIndex, String message) {

    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (stepIndex < -1) {
            throw new IllegalArgumentException("stepIndex=" + stepIndex + " must be >= -1");
        }
    }

    /** A violation of {@code kind} at {@code stepIndex}. */
    public static Violation of(ViolationKind kind, int stepIndex, String message) {
        return new Violation(kind, stepIndex, message);
    }

    /** The same violation attributed to another step (the model does not know step numbers itself). */
    public Violation atStep(int newStepIndex) {
        return new Violation(kind, newStepIndex, message);
    }

    /** The whole story in one line: step, kind, message. */
    public String sentence() {
        String where = stepIndex < 0 ? "before the first step" : "step " + stepIndex;
        return where + ": " + kind + ": " + message;
    }

    @Override
    public String toString() {
        return sentence();
    }
}
