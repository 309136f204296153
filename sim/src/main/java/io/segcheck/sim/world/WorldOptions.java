package io.segcheck.sim.world;

import io.segcheck.impl.fault.Faults;

/**
 * How a world differs from the sequence runner's: where its caches' listeners run and which
 * faults its fault sites make.
 *
 * @param tasks the queue the caches' executor is; null runs listeners inline (the runner's world)
 * @param faults decides whether an armed fault site fires; {@link Faults#none()} for none
 */
public record WorldOptions(TaskQueue tasks, Faults faults) {

    /** The sequence runner's world: listeners inline, no faults. */
    public static WorldOptions inline() {
        return new WorldOptions(null, Faults.none());
    }

    public boolean listenersQueued() {
        return tasks != null;
    }
}
