package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.segcheck.impl.page.KeyValueLeafPageTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagePoolAndGuardTest {

    private static final int THREADS = 8;

    private final OffHeapAllocator allocator = TestAllocators.guarded();
    private final KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void poolCountsBorrowedAndReturnedPagesAndIgnoresRepeatedReturns() {
        KeyValueLeafPage first = pool.borrowPage(1, 0, 4096, true);
        KeyValueLeafPage second = pool.borrowPage(2, 0, 4096, false);
        assertEquals(2, pool.pagesBorrowed());
        assertEquals(3, allocator.stats().leasedSegments());
        pool.returnPage(first);
        pool.returnPage(first);
        assertEquals(1, pool.pagesReturned());
        assertEquals(1, allocator.stats().leasedSegments());
        pool.returnPage(second);
        assertEquals(2, pool.pagesReturned());
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void fixedPoolPreallocatesNothingAndClearLeavesBorrowedPagesAlone() {
        assertEquals(0, allocator.stats().leasedSegments());
        assertEquals(0, pool.idlePageCount());
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(8, 1));
        pool.clearAllPagePools();
        assertEquals(1, allocator.stats().leasedSegments());
        assertArrayEquals(bytes(8, 1), page.getSlot(0));
    }

    @Test
    void returningAPageOfAnotherAllocatorIsRejected() {
        try (OffHeapAllocator other = TestAllocators.guarded()) {
            KeyValueLeafPage foreign = new KeyValueLeafPagePool(other).borrowPage(1, 0, 4096, false);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> pool.returnPage(foreign));
            assertTrue(thrown.getMessage().contains("another allocator"), thrown.getMessage());
            assertEquals(PageStatus.LIVE, foreign.state());
        }
    }

    @Test
    void guardCountsUpAndCloseIsIdempotentPerGuard() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        PageGuard first = page.guard();
        PageGuard second = page.guard();
        assertEquals(2, page.guardCount());
        first.close();
        first.close();
        assertEquals(1, page.guardCount());
        second.close();
        assertEquals(0, page.guardCount());
        assertEquals(PageStatus.LIVE, page.state());
    }

    @Test
    void retiringAGuardedPageOrphansItAndTheLastGuardCloseReturnsItOnce() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(12, 1));
        PageGuard first = page.guard();
        PageGuard second = page.guard();
        pool.returnPage(page);
        assertEquals(PageStatus.ORPHANED, page.state());
        assertEquals(2, allocator.stats().leasedSegments(), "an orphan keeps its segments");
        assertArrayEquals(bytes(12, 1), first.page().getSlot(0), "reads allowed while guarded");
        first.close();
        assertEquals(PageStatus.ORPHANED, page.state());
        second.close();
        assertEquals(PageStatus.RETURNED, page.state());
        assertEquals(0, allocator.stats().leasedSegments());
        second.close();
        pool.returnPage(page);
        assertEquals(0, allocator.stats().leasedSegments());
        assertEquals(1, pool.pagesReturned());
    }

    @Test
    void orphanedPageCannotBeGuardedAgain() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        PageGuard guard = page.guard();
        pool.returnPage(page);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, page::guard);
        assertTrue(thrown.getMessage().contains("state=ORPHANED"), thrown.getMessage());
        assertEquals(1, page.guardCount());
        assertTrue(page.tryGuard().isEmpty());
        guard.close();
        assertTrue(page.isReturned());
    }

    @Test
    void returnedPageCannotBeGuarded() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        pool.returnPage(page);
        assertThrows(IllegalStateException.class, page::guard);
        assertEquals(0, page.guardCount());
    }

    @Test
    void lowLevelReturnIgnoresGuards() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        PageGuard guard = page.guard();
        page.returnSegmentsToAllocator();
        assertTrue(page.isReturned());
        assertEquals(0, allocator.stats().leasedSegments());
        assertThrows(IllegalStateException.class, () -> guard.page().getSlot(0));
        guard.close();
        assertEquals(0, allocator.stats().leasedSegments());
    }

    /** Found by the sequence runner (corpus: found-guard-closed-after-reset-for-reuse.replay). */
    @Test
    void guardOfAnEarlierLifeDoesNotCountAgainstTheReusedPage() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        PageGuard oldLife = page.guard();
        page.returnSegmentsToAllocator();
        MemorySegment fresh = allocator.allocate(4096);
        page.resetForReuse(2, 1, fresh, fresh);
        PageGuard newLife = page.guard();
        oldLife.close();
        assertEquals(1, page.guardCount(), "the old guard must not close the new life's guard");
        pool.returnPage(page);
        assertEquals(PageStatus.ORPHANED, page.state(), "still guarded by its new life's guard");
        assertEquals(1, allocator.stats().leasedSegments());
        newLife.close();
        assertEquals(PageStatus.RETURNED, page.state());
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @RepeatedTest(20)
    void concurrentRepeatedReturnsReleaseEachSegmentExactlyOnce() throws Exception {
        KeyValueLeafPage shared = pool.borrowPage(1, 0, 4096, false);
        KeyValueLeafPage separate = pool.borrowPage(2, 0, 8192, true);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int thread = 0; thread < THREADS; thread++) {
                boolean viaPool = thread % 2 == 0;
                results.add(threads.submit(() -> {
                    start.await();
                    for (KeyValueLeafPage page : List.of(shared, separate)) {
                        if (viaPool) {
                            pool.returnPage(page);
                        } else {
                            page.returnSegmentsToAllocator();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        assertEquals(0, allocator.stats().leasedSegments());
        assertTrue(shared.isReturned() && separate.isReturned());
    }

    @RepeatedTest(20)
    void guardsClosingConcurrentlyWithRetireReturnTheOrphanOnce() throws Exception {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        List<PageGuard> guards = new ArrayList<>();
        for (int guard = 0; guard < THREADS; guard++) {
            guards.add(page.guard());
        }
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1)) {
            for (PageGuard guard : guards) {
                results.add(threads.submit(() -> {
                    start.await();
                    guard.page().getSlot(0);
                    guard.close();
                    return null;
                }));
            }
            results.add(threads.submit(() -> {
                start.await();
                pool.returnPage(page);
                return null;
            }));
            for (Future<?> result : results) {
                result.get();
            }
        }
        assertTrue(page.isReturned());
        assertEquals(0, page.guardCount());
        assertEquals(0, allocator.stats().leasedSegments());
        assertFalse(page.tryGuard().isPresent());
    }

    @RepeatedTest(20)
    void returnRacingResizingWritesReleasesTheCurrentSegmentOnceAndLaterWritesFailCleanly() throws Exception {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Integer> writer = threads.submit(() -> {
                start.await();
                int written = 0;
                try {
                    for (int slot = 0; slot < 60; slot++) {
                        page.setSlot(slot, bytes(4000, slot)); // every write past the first resizes or fills
                        written++;
                    }
                } catch (IllegalStateException returned) {
                    assertTrue(page.isReturned(), returned.toString());
                }
                return written;
            });
            Future<?> returner = threads.submit(() -> {
                start.await();
                pool.returnPage(page);
                return null;
            });
            returner.get();
            writer.get();
        }
        assertTrue(page.isReturned());
        assertEquals(0, allocator.stats().leasedSegments());
        assertThrows(IllegalStateException.class, () -> page.setSlot(0, bytes(1, 1)));
    }
}
