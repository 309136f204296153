package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's idle-page count, its defects and the answer of a return bound to a page's life. */
class PagePoolIdleAndLifeTest {

    @Test
    void theLeakyPoolCountsItsPreallocatedPagesAndDropsThemOnClear() {
        try (OffHeapAllocator allocator = TestAllocators.create(io.segcheck.impl.alloc.AllocatorConfig.defaults())) {
            Defects leaky = Defects.of(Defect.PREALLOCATED_POOL_LEAK);
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, leaky);
            assertEquals(SizeClass.COUNT * KeyValueLeafPagePool.PREALLOCATED_PAGES_PER_CLASS, pool.idlePageCount());
            assertSame(leaky, pool.defects());
            pool.clearAllPagePools();
            assertEquals(0, pool.idlePageCount(), "the leaky clear drops the idle pages (and leaks their segments)");
        }
    }

    @Test
    void aReturnBoundToALifeSaysWhetherItRetiredThePage() {
        try (OffHeapAllocator allocator = TestAllocators.unguardedSmallRegions()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
            long life = page.life();
            assertFalse(pool.returnPageOfLife(page, life + 1), "another life: nothing done");
            assertEquals(0, pool.pagesReturned());
            assertTrue(pool.returnPageOfLife(page, life), "its own life: retired");
            assertEquals(1, pool.pagesReturned());
            assertEquals(0, allocator.stats().leasedSegments());
        }
    }
}
