package io.segcheck.sim.world;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
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
    private final AllocatorFactory allocatorFactory;

    /** The whole system on segcheck's own allocator: allocator, pool, pages, guards and both caches. */
    public WorldFactory() {
        this(Coverage.SYSTEM);
    }

    /** {@code coverage} of the system on segcheck's own allocator, bound through the same seam as any other. */
    public WorldFactory(Coverage coverage) {
        this(coverage, new SegcheckAllocatorFactory(World.QUARANTINE_SLICES));
    }

    /**
     * {@code coverage} of the system on the allocator {@code allocatorFactory} builds, checked against
     * the design it declares.
     */
    public WorldFactory(Coverage coverage, AllocatorFactory allocatorFactory) {
        this.coverage = coverage;
        this.catalog = new WorldCatalog(coverage);
        this.allocatorFactory = allocatorFactory;
    }

    @Override
    public Subject create(RunConfig config) {
        return new WorldSubject(config, coverage, allocatorFactory);
    }

    /** The allocator factory the worlds are built with. */
    public AllocatorFactory allocatorFactory() {
        return allocatorFactory;
    }

    /** How much of the system the worlds bind. */
    public Coverage coverage() {
        return coverage;
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
