package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import static io.segcheck.impl.page.KeyValueLeafPageTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per historic defect: with the switch ON the symptom shows in the real system, with it
 * OFF the same steps are clean. These prove the switches work; finding the defects without being
 * told is the checkers' job.
 */
class DefectSwitchTest {

    private static Defects switched(Defect defect, boolean on) {
        return on ? Defects.of(defect) : Defects.none();
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void preallocatedPoolLeakLeavesFourteenHundredSegmentsLeasedAfterClear(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, switched(Defect.PREALLOCATED_POOL_LEAK, on));
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
            pool.returnPage(page);
            pool.clearAllPagePools();
            assertEquals(on ? 1400 : 0, allocator.stats().leasedSegments());
        }
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void resizeSharedDanglingMakesTheLaterReturnReleaseTheOldSegmentAgain(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, switched(Defect.RESIZE_SHARED_DANGLING, on));
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
            MemorySegment original = page.slotMemory();
            page.setSlot(0, bytes(5000, 1));
            assertEquals(on, page.deweyIdMemory().address() == original.address(), "the DeweyID field dangles on the released segment");
            if (on) {
                SegmentOwnershipException rejected = assertThrows(SegmentOwnershipException.class, () -> pool.returnPage(page));
                assertTrue(rejected.kind() == SegmentOwnershipException.Kind.DOUBLE_RELEASE
                        || rejected.kind() == SegmentOwnershipException.Kind.STALE, rejected.toString());
            } else {
                assertDoesNotThrow(() -> pool.returnPage(page));
            }
            assertEquals(0, allocator.stats().leasedSegments());
        }
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void evictionSkipsReturnKeepsSegmentsLeasedAfterInvalidateAllAndClear(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            Defects defects = switched(Defect.EVICTION_SKIPS_RETURN, on);
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, defects);
            PageCache<Long> cache = new PageCache<>(pool, 1 << 20, Runnable::run,
                    com.github.benmanes.caffeine.cache.Ticker.systemTicker(), defects);
            for (long key = 0; key < 5; key++) {
                cache.put(key, pool.borrowPage(key, 0, 4096, key % 2 == 0));
            }
            cache.invalidateAll();
            pool.clearAllPagePools();
            assertEquals(on ? 8 : 0, allocator.stats().leasedSegments());
        }
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void returnNotIdempotentHasTheSecondReturnRejectedByTheAllocator(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, switched(Defect.RETURN_NOT_IDEMPOTENT, on));
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
            page.returnSegmentsToAllocator();
            if (on) {
                SegmentOwnershipException rejected = assertThrows(SegmentOwnershipException.class,
                        page::returnSegmentsToAllocator);
                assertEquals(SegmentOwnershipException.Kind.DOUBLE_RELEASE, rejected.kind());
                assertThrows(SegmentOwnershipException.class, () -> pool.returnPage(page));
            } else {
                assertDoesNotThrow(page::returnSegmentsToAllocator);
                assertDoesNotThrow(() -> pool.returnPage(page));
            }
            assertTrue(page.isReturned());
            assertThrows(IllegalStateException.class, () -> page.getSlot(0), "access checks still work");
            assertEquals(0, allocator.stats().leasedSegments());
        }
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void clearZeroesReturnedThrowsOnTheReleasedViewInGuardMode(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, switched(Defect.CLEAR_ZEROES_RETURNED, on));
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
            page.setSlot(0, bytes(10, 1));
            pool.returnPage(page);
            if (on) {
                assertThrows(IllegalStateException.class, page::clear);
            } else {
                assertDoesNotThrow(page::clear);
            }
        }
    }

    @ParameterizedTest(name = "defect on = {0}")
    @ValueSource(booleans = {true, false})
    void clearZeroesReturnedWipesAnotherPagesDataWithoutGuardMode(boolean on) {
        try (OffHeapAllocator allocator = TestAllocators.unguardedSmallRegions()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, switched(Defect.CLEAR_ZEROES_RETURNED, on));
            KeyValueLeafPage returned = pool.borrowPage(1, 0, 4096, false);
            long address = returned.slotMemory().address();
            pool.returnPage(returned);
            KeyValueLeafPage owner = borrowUntilAddress(pool, address);
            owner.setSlot(0, bytes(10, 2));
            returned.clear();
            if (on) {
                assertNotEquals(List.of(bytes(10, 2)).toString(), List.of(owner.getSlot(0)).toString());
                assertArrayEquals(new byte[0], owner.getSlot(0), "length prefix zeroed by the other page");
            } else {
                assertArrayEquals(bytes(10, 2), owner.getSlot(0));
            }
        }
    }

    /** Borrows pages until one gets the slice at {@code address} (the allocator reuses freed slices). */
    private static KeyValueLeafPage borrowUntilAddress(KeyValueLeafPagePool pool, long address) {
        List<KeyValueLeafPage> others = new ArrayList<>();
        for (int attempt = 0; attempt < 64; attempt++) {
            KeyValueLeafPage page = pool.borrowPage(100 + attempt, 0, 4096, false);
            if (page.slotMemory().address() == address) {
                others.forEach(pool::returnPage);
                return page;
            }
            others.add(page);
        }
        throw new AssertionError("slice address=" + address + " was not leased again in 64 borrows");
    }

    @Test
    void returnNotIdempotentLetsRacingReturnsReleaseTwice() throws Exception {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, Defects.of(Defect.RETURN_NOT_IDEMPOTENT));
            int rejected = 0;
            for (int round = 0; round < 200; round++) {
                KeyValueLeafPage page = pool.borrowPage(round, 0, 4096, false);
                var first = ForkJoinPool.commonPool().submit(() -> rejectedRelease(page));
                boolean second = rejectedRelease(page);
                rejected += (first.get() ? 1 : 0) + (second ? 1 : 0);
            }
            assertEquals(200, rejected, "exactly one of the two racing returns is rejected each round");
        }
    }

    private static boolean rejectedRelease(KeyValueLeafPage page) {
        try {
            page.returnSegmentsToAllocator();
            return false;
        } catch (SegmentOwnershipException rejected) {
            return true;
        }
    }
}
