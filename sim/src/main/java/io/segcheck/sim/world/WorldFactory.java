package io.segcheck.sim.world;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

/**
 * The binding's entry point: fresh worlds (real allocator and, for {@link Coverage#SYSTEM}, pool and
 * two caches; the ownership model in lockstep) for the sequence runner, and the catalog of the
 * actions the coverage binds.
 */
public final class WorldFactory implements SubjectFactory {

    private final Coverage coverage;
    private final WorldCatalog catalog;

    /** The whole system: allocator, pool, pages, guards and both caches. */
    public WorldFactory() {
        this(Coverage.SYSTEM);
    }

    public WorldFactory(Coverage coverage) {
        this.coverage = coverage;
        this.catalog = new WorldCatalog(coverage);
    }

    @Override
    public Subject create(RunConfig config) {
        return new WorldSubject(config, coverage);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
