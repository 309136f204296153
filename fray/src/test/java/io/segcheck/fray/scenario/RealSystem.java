package io.segcheck.fray.scenario;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPagePool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The real system one run drives: a guard-mode allocator with one free stack per class (so a
 * schedule replays on the same stack whatever the threads' ids), the page pool, and a page cache
 * whose removal listener and maintenance run on the scenario's listener thread. The cache's
 * bound is far above what a scenario maps, so nothing is evicted by size: which entry an eviction
 * picks would be a choice the reference could not repeat.
 */
final class RealSystem implements AutoCloseable {

    /** The cache's bound in segment bytes: more than any scenario's pages weigh. */
    static final long CACHE_WEIGHT_BYTES = 64L << 20;

    final OffHeapAllocator allocator;
    final KeyValueLeafPagePool pool;
    final PageCache<Long> cache;
    final ListenerThread listener;
    /** A segment of another arena, made before the threads start; the allocator must refuse it as foreign. */
    final MemorySegment otherArenaSegment;
    private final Arena otherArena = Arena.ofShared();

    RealSystem(Scenario.Settings settings, Defects defects, History history) {
        this.allocator = SegmentAllocators.create(new AllocatorConfig(settings.budgetBytes(), settings.regionBytes(),
                true, settings.quarantineSlices()).withStripeCount(1), defects);
        this.pool = new KeyValueLeafPagePool(allocator, defects);
        this.listener = new ListenerThread(history);
        this.cache = new PageCache<>(pool, CACHE_WEIGHT_BYTES, listener, () -> 0L, defects, null,
                listener.observer());
        this.otherArenaSegment = otherArena.allocate(4096);
    }

    @Override
    public void close() {
        otherArena.close();
        allocator.close();
    }
}
