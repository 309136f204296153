package io.segcheck.sim.runner;

import java.util.Objects;

/**
 * An exception thrown by the subject or the engine that is not a violation: a bug in segcheck or in
 * the binding, reported with exit code 3.
 *
 * @param stepIndex the step being applied; -1 while building the world; the step count while quiescing
 * @param phase what was running: {@code create}, {@code apply}, {@code quiesce} or {@code close}
 * @param cause the exception
 */
public record InternalFailure(int stepIndex, String phase, Throwable cause) {

    public InternalFailure {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(cause, "cause");
    }

    /** Shrinking keeps an internal failure failing with the same exception class. */
    public String signature() {
        return "internal:" + cause.getClass().getName();
    }

    public String sentence() {
        return "step " + stepIndex + " (" + phase + "): internal error " + cause;
    }
}
