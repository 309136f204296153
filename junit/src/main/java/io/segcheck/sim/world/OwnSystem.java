package io.segcheck.sim.world;

import io.segcheck.sim.runner.RunConfig;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * segcheck's own system (its allocator, pool, pages and caches), which module {@code sim} plugs in
 * on top of the allocator world through {@link ServiceLoader}. A team that checks its own allocator
 * alone has none on its classpath and needs none.
 */
public interface OwnSystem {

    /** The own system on the classpath, if any. */
    static Optional<OwnSystem> find() {
        return ServiceLoader.load(OwnSystem.class, OwnSystem.class.getClassLoader()).findFirst();
    }

    /**
     * The own system on the classpath.
     *
     * @throws IllegalStateException when it is not there: only the allocator alone can be checked
     */
    static OwnSystem required() {
        return find().orElseThrow(() -> new IllegalStateException("segcheck's own system (pages, caches, its"
                + " allocator) is not on the classpath (module segcheck-sim): check an allocator alone with"
                + " Coverage.ALLOCATOR"));
    }

    /** The parts of one world of {@code config}, before its allocator is built. */
    SystemLayer layer(RunConfig config, WorldOptions options);

    /**
     * The rare-path marks the own system can reach: with {@code ownAllocator} its allocator's too,
     * with {@code pages} those of the pool, pages and caches.
     */
    List<String> markNames(boolean ownAllocator, boolean pages);
}
