package io.segcheck.sim.world;

import io.segcheck.sim.runner.Step;

import java.util.Set;

/**
 * One concern of the world binding: a group of actions applied to the real system and to the model
 * through the run's {@link StepScope}. A world is the bindings its {@link Coverage} asks for.
 */
interface ActionBinding {

    /** The actions this binding applies. */
    Set<Action> actions();

    /** Applies one step of one of {@link #actions()}; a step with nothing to act on is a recorded no-op. */
    void apply(Action action, Step step);
}
