package io.segcheck.sim.world;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.function.UnaryOperator;

/**
 * The binding's entry point: fresh worlds (real allocator and, for {@link Coverage#SYSTEM}, pool and
 * two caches; the ownership model in lockstep) for the sequence runner, and the catalog of the
 * actions the coverage binds.
 */
public final class WorldFactory implements SubjectFactory {

    private final Coverage coverage;
    private final WorldCatalog catalog;
    private final UnaryOperator<OffHeapAllocator> wrapAllocator;

    /** The whole system: allocator, pool, pages, guards and both caches. */
    public WorldFactory() {
        this(Coverage.SYSTEM);
    }

    public WorldFactory(Coverage coverage) {
        this(coverage, UnaryOperator.identity());
    }

    /**
     * Worlds whose real allocator is {@code wrapAllocator} applied to segcheck's own, so a test can
     * plant a broken allocator and see an oracle catch it.
     */
    WorldFactory(Coverage coverage, UnaryOperator<OffHeapAllocator> wrapAllocator) {
        this.coverage = coverage;
        this.catalog = new WorldCatalog(coverage);
        this.wrapAllocator = wrapAllocator;
    }

    @Override
    public Subject create(RunConfig config) {
        return new WorldSubject(config, coverage, wrapAllocator);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
