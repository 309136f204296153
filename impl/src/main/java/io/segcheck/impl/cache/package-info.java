/**
 * Caffeine page caches bounded by the segment bytes of the pages they map:
 * {@link io.segcheck.impl.cache.PageCache} and {@link io.segcheck.impl.cache.RecordPageCache}.
 * The removal listener hands every removed page back to the pool (guard-aware), for every cause.
 *
 * <p>Not here: page ownership itself ({@code io.segcheck.impl.page}); predicting which entry
 * Caffeine evicts (checkers observe removals through {@link io.segcheck.impl.cache.RemovalObserver}).
 */
package io.segcheck.impl.cache;
