package io.segcheck.api;

import java.util.concurrent.Executor;

/**
 * Optional: a team's page cache, bound through {@link PageFactory#cache} so segcheck can check that
 * every removal (eviction, expiry, invalidation, replacement) returns the removed page's segments
 * (the seed's removal listener that never did). The page simulator drives it: puts, gets and
 * invalidations interleaved with the other workers' calls, and each removal-listener task run as a
 * step of its own on an executor the simulator controls.
 *
 * <p>A page put in the cache is the cache's from then on: segcheck calls it no more, and once the
 * cache has removed it and its listener tasks have run, it must hold nothing and every segment it
 * held must be released exactly once.
 */
public interface PageCacheAdapter {

    /**
     * Builds the cache's removal listener to run on {@code removalExecutor}, an executor segcheck
     * controls, so a simulation decides when removals happen relative to other calls. Called once,
     * before any other method.
     */
    void runRemovalsOn(Executor removalExecutor);

    /** Caches {@code page} (a live page, built by the same factory) under {@code key}, replacing what was there. */
    void put(long key, PageAdapter page);

    /** The page cached under {@code key}, the same instance that was put, or null. */
    PageAdapter get(long key);

    /** Removes {@code key}'s page, if any; its removal listener runs on the executor. */
    void invalidate(long key);
}
