package io.segcheck.impl.cache;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.TestAllocators;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The weight bound's edge: zero is a cache that keeps nothing, below zero is refused. */
class ZeroWeightCacheTest {

    @Test
    void aZeroWeightCacheIsAcceptedAndReturnsWhatItEvicts() {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            PageCache<Long> cache = new PageCache<>(pool, 0, Runnable::run, new FakeTicker(), Defects.none());
            assertEquals(0, cache.maxWeightBytes());
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
            cache.put(1L, page);
            cache.cleanUp();
            assertEquals(0, allocator.stats().leasedSegments(), "the evicted page's segments went back");
            assertThrows(IllegalArgumentException.class,
                    () -> new PageCache<Long>(pool, -1, Runnable::run, new FakeTicker(), Defects.none()));
        }
    }

    @Test
    void theWeightBoundCanBeLoweredToZeroButNotBelow() {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            PageCache<Long> cache = new PageCache<>(pool, 1L << 20, Runnable::run, new FakeTicker(), Defects.none());
            assertSame(pool, cache.pool());
            cache.put(1L, pool.borrowPage(1, 0, 4096, false));
            cache.cleanUp();
            assertEquals(1, allocator.stats().leasedSegments(), "within the bound: kept");
            cache.setMaxWeightBytes(0);
            cache.cleanUp();
            assertEquals(0, allocator.stats().leasedSegments(), "a bound of zero evicts it");
            assertThrows(IllegalArgumentException.class, () -> cache.setMaxWeightBytes(-1));
        }
    }
}
