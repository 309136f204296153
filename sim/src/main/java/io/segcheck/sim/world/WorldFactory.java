package io.segcheck.sim.world;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

/**
 * The binding's entry point: fresh worlds (real allocator, pool, two caches, and the ownership
 * model in lockstep) for the sequence runner, and the catalog of actions over the whole API.
 */
public final class WorldFactory implements SubjectFactory {

    private final WorldCatalog catalog = new WorldCatalog();

    @Override
    public Subject create(RunConfig config) {
        return new WorldSubject(config);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
