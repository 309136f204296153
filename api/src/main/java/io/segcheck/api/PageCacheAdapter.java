package io.segcheck.api;

import java.util.concurrent.Executor;

/**
 * Optional: a team's page cache, bound so segcheck can check that every removal (eviction, expiry,
 * invalidation, replacement) returns the removed page's segments (the seed's removal listener that
 * never did). Not yet driven by any checker; a sketch of the seam the simulator will take.
 */
public interface PageCacheAdapter {

    /**
     * Builds the cache's removal listener to run on {@code removalExecutor}, an executor segcheck
     * controls, so a simulation decides when removals happen relative to other calls. Called once,
     * before any other method.
     */
    void runRemovalsOn(Executor removalExecutor);

    void put(long key, PageAdapter page);

    /** The page cached under {@code key}, or null. */
    PageAdapter get(long key);

    void invalidate(long key);
}
