package io.segcheck.sim.world;

import io.segcheck.model.fault.Faults;

/**
 * How a world differs from the sequence runner's: where its caches' listeners run and which
 * faults its fault sites make.
 *
 * @param tasks the queue the caches' executor is; null runs listeners inline (the runner's world)
 * @param faults decides whether an armed fault site of segcheck's own code fires; {@link Faults#none()} for none
 * @param namedFaults decides whether an armed fault site the allocator declared by name fires
 */
public record WorldOptions(TaskQueue tasks, Faults faults, NamedFaults namedFaults) {

    /** Options without named fault sites. */
    public WorldOptions(TaskQueue tasks, Faults faults) {
        this(tasks, faults, NamedFaults.none());
    }

    /** The sequence runner's world: listeners inline, no faults. */
    public static WorldOptions inline() {
        return new WorldOptions(null, Faults.none());
    }

    public boolean listenersQueued() {
        return tasks != null;
    }
}
