package io.segcheck.sim.cli;

import io.segcheck.sim.runner.SubjectFactory;

/** The world the CLI drives: the real system and the ownership model side by side. */
final class Binding {

    private Binding() {
    }

    /** A factory of fresh worlds for the CLI's commands. */
    static SubjectFactory world() {
        return new io.segcheck.sim.world.WorldFactory();
    }
}
