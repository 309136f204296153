package io.segcheck.sim.cli;

import io.segcheck.sim.runner.SubjectFactory;

/** The world the CLI drives: the real system and the ownership model side by side. */
final class Binding {

    private Binding() {
    }

    /** A factory of fresh worlds for the CLI's commands. */
    static SubjectFactory world() {
        throw new IllegalStateException("the world binding io.segcheck.sim.world is not built into this jar yet");
    }
}
