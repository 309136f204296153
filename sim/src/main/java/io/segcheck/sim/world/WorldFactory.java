package io.segcheck.sim.world;

import io.segcheck.impl.defect.Mark;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.Arrays;
import java.util.List;

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
    public List<String> markNames() {
        return Arrays.stream(Mark.values()).map(Mark::name).toList();
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
