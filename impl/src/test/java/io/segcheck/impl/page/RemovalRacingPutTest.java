package io.segcheck.impl.page;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page cache's removal listener racing a put of the same page under the same key, made
 * deterministic with the page's own lock: the test holds it, so the listener stops at its first
 * step that needs it (before its look at the cache when fixed, between the look and the return
 * with REMOVAL_CHECK_THEN_RETURN_RACES_PUT), and the put runs from the test thread in that window
 * (the lock is reentrant, so the put's own uses of it go through). Lives in the page package to
 * reach the lock; nothing else here is internal.
 */
class RemovalRacingPutTest {

    private static final byte[] DATA = {1, 2, 3, 4};

    private record Removal(long key, RemovalHandling handling) {
    }

    @Test
    void aPagePutBackWhileItsRemovalListenerRunsStaysMappedLiveAndReadable() throws InterruptedException {
        assertEquals(List.of(), putDuringListener(Defects.none()).failures(), "no failure");
    }

    @Test
    void withTheDefectOnTheListenerReturnsThePageThatWasPutBack() throws InterruptedException {
        Outcome outcome = putDuringListener(Defects.of(Defect.REMOVAL_CHECK_THEN_RETURN_RACES_PUT));
        assertEquals(List.of("the cache maps a returned page"), outcome.failures());
    }

    /**
     * A removal of a page that comes while a put of that page under the same key is in flight (here
     * the REPLACED removal of the page's dead entry, which Caffeine runs inside the put when the
     * executor runs tasks on the calling thread) waits for the put to end, is then handled (the key
     * maps the page: left alone) and reported once.
     */
    @Test
    void aRemovalThatComesDuringAPutOfItsPageIsHandledWhenThePutEnds() {
        List<Removal> removals = new CopyOnWriteArrayList<>();
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            PageCache<Long> cache = new PageCache<>(pool, 1 << 20, Runnable::run, Ticker.systemTicker(),
                    Defects.none(), null, (Long key, KeyValueLeafPage page, long life, RemovalCause cause,
                                           RemovalHandling handling) -> removals.add(new Removal(key, handling)));
            KeyValueLeafPage page = pool.borrowPage(7, 0, 4096, false);
            cache.put(7L, page);
            page.returnSegmentsToAllocator(); // the entry's life ends behind the cache's back
            var fresh = allocator.allocate(4096);
            page.resetForReuse(7, 1, fresh, fresh);
            cache.put(7L, page); // replaces the dead entry; its removal comes while this put is in flight
            assertEquals(List.of(new Removal(7L, RemovalHandling.STILL_MAPPED)), removals);
            assertEquals(PageStatus.LIVE, page.state());
            cache.getAndGuard(7L).orElseThrow().close();
            cache.invalidate(7L);
            assertEquals(PageStatus.RETURNED, page.state());
        }
    }

    /** What a run of the race left: each broken promise, in words. */
    private record Outcome(List<String> failures) {
    }

    private static Outcome putDuringListener(Defects defects) throws InterruptedException {
        ExecutorService listenerThread = Executors.newSingleThreadExecutor();
        List<Removal> removals = new CopyOnWriteArrayList<>();
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, defects);
            PageCache<Long> cache = new PageCache<>(pool, 1 << 20, listenerThread, Ticker.systemTicker(), defects,
                    null, (Long key, KeyValueLeafPage page, long life, RemovalCause cause, RemovalHandling handling)
                    -> removals.add(new Removal(key, handling)));
            KeyValueLeafPage page = pool.borrowPage(7, 0, 4096, true);
            page.setSlot(0, DATA);
            cache.put(7L, page);
            ReentrantLock pageLock = page.ownership().lock();
            pageLock.lock();
            try {
                cache.invalidate(7L); // queues the listener on its thread
                awaitQueued(pageLock);
                cache.put(7L, page); // the page is still LIVE: the put is legal
            } finally {
                pageLock.unlock();
            }
            listenerThread.shutdown();
            assertTrue(listenerThread.awaitTermination(1, TimeUnit.MINUTES), "the listener finished");
            assertEquals(1, removals.size(), removals::toString);
            List<String> failures = new ArrayList<>();
            Optional<PageGuard> guard = cache.getAndGuard(7L);
            if (cache.peek(7L) == page && page.state() == PageStatus.RETURNED) {
                failures.add("the cache maps a returned page");
            } else {
                assertTrue(guard.isPresent(), "the key maps the live page");
                assertEquals(RemovalHandling.STILL_MAPPED, removals.getFirst().handling());
                assertArrayEquals(DATA, page.getSlot(0), "its data is intact");
                guard.get().close();
            }
            pool.returnPage(page);
            return new Outcome(failures);
        } finally {
            listenerThread.shutdownNow();
        }
    }

    /** Waits until the listener thread is queued on the page's lock (no timing: it must get there). */
    private static void awaitQueued(ReentrantLock pageLock) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!pageLock.hasQueuedThreads()) {
            assertFalse(System.nanoTime() > deadline, "the listener never reached the page's lock");
            Thread.onSpinWait();
        }
    }
}
