package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageStatus;
import io.segcheck.impl.page.TestAllocators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An expired entry that Caffeine's clean-up does not reach: the clean-up walks each access-order
 * queue from its head and stops at the first entry still live, and an entry too heavy for the
 * admission window jumps ahead of older ones on its way to the main space. Such an entry reads as
 * absent at once, stays in the cache (counted, its page leased) until maintenance reaches it, and
 * then leaves as any expiry does. (The sweep's seed 24009 ended this way.)
 */
class ExpiredBehindLiveEntryTest {

    private static final Duration EXPIRY = Duration.ofSeconds(30);
    private static final long SMALL_BYTES = 4096;
    /** Over the admission window's 1% of {@link #MAX_WEIGHT_BYTES}: added at the window's head. */
    private static final long HEAVY_BYTES = 65_536;
    private static final long MAX_WEIGHT_BYTES = 4L << 20;
    /** Small entries after the heavy one: they fill the window up to just under its maximum. */
    private static final int FOLLOWERS = 8;
    private static final long OLDEST = 0;
    /** Put just before the heavy one, at the same time: the heavy one at the window's head is then in place. */
    private static final long COMPANION = 1;
    private static final long HEAVY = 2;
    /**
     * Two small entries' weight: pushes the oldest and the companion out of the window in one
     * maintenance. (Moved one at a time, the oldest would be the main space's last entry for a
     * maintenance, older than the heavy one at its head, and the clean-up puts such a head back.)
     */
    private static final long LAST = HEAVY + FOLLOWERS + 1;
    private static final int ENTRIES = 4 + FOLLOWERS;

    private final OffHeapAllocator allocator = TestAllocators.guarded();
    private final KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
    private final FakeTicker ticker = new FakeTicker();
    private final RemovalRecorder<Long> recorder = new RemovalRecorder<>();
    private final PageCache<Long> cache = new PageCache<>(pool, MAX_WEIGHT_BYTES, Runnable::run, ticker,
            Defects.none(), EXPIRY, recorder);

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /**
     * At 0 s the oldest entry; at 5 s a companion, then a heavy one, which goes to the main space
     * first, then small ones and a last one that push the oldest and the companion out of the
     * window behind it: the main space's queue is heavy (5 s), oldest (0 s), companion (5 s).
     * Returns the oldest entry's page.
     */
    private KeyValueLeafPage oldestBehindAHeavierLaterOne() {
        KeyValueLeafPage oldest = put(OLDEST, SMALL_BYTES);
        ticker.advance(Duration.ofSeconds(5));
        put(COMPANION, SMALL_BYTES);
        put(HEAVY, HEAVY_BYTES);
        for (long key = HEAVY + 1; key <= HEAVY + FOLLOWERS; key++) {
            put(key, SMALL_BYTES);
        }
        put(LAST, 2 * SMALL_BYTES);
        return oldest;
    }

    private KeyValueLeafPage put(long key, long bytes) {
        KeyValueLeafPage page = pool.borrowPage(key, 0, bytes, false);
        cache.put(key, page);
        return page;
    }

    /** At 30 s: the oldest entry has expired, every other one is live for 5 s more. */
    private KeyValueLeafPage expiredAndNotRemoved() {
        KeyValueLeafPage oldest = oldestBehindAHeavierLaterOne();
        ticker.advance(Duration.ofSeconds(25));
        cache.cleanUp();
        cache.cleanUp();
        assertNull(cache.peek(OLDEST), "expired at 30 s, so it reads as absent");
        assertTrue(cache.getAndGuard(OLDEST).isEmpty());
        assertEquals(ENTRIES, cache.estimatedSize(), "yet the clean-up left it in the cache");
        assertEquals(PageStatus.LIVE, oldest.state(), "and its page leased");
        assertEquals(List.of(), recorder.removals());
        return oldest;
    }

    @Test
    void anExpiredEntryBehindALiveOneOutlivesTheCleanUpAndLeavesWhenTheEntriesAheadExpire() {
        KeyValueLeafPage oldest = expiredAndNotRemoved();
        ticker.advance(Duration.ofSeconds(5));
        cache.cleanUp();
        assertEquals(0, cache.estimatedSize(), "at 35 s the entries ahead expired and the clean-up reached it");
        RemovalRecorder.Removal<Long> removal = removalOf(OLDEST);
        assertEquals(RemovalCause.EXPIRED, removal.cause());
        assertEquals(RemovalHandling.RETIRED, removal.handling());
        assertEquals(PageStatus.RETURNED, oldest.state(), "its page went back: delayed, not leaked");
    }

    @Test
    void removeIfExpiredRemovesItNowAsAnExpiryWithBothListeners() {
        KeyValueLeafPage oldest = expiredAndNotRemoved();
        cache.removeIfExpired(OLDEST);
        assertEquals(List.of("EXPIRED@" + OLDEST), recorder.evictions(), "the eviction listener is told");
        RemovalRecorder.Removal<Long> removal = removalOf(OLDEST);
        assertEquals(RemovalCause.EXPIRED, removal.cause());
        assertEquals(RemovalHandling.RETIRED, removal.handling());
        assertEquals(PageStatus.RETURNED, oldest.state());
        assertEquals(ENTRIES - 1, cache.estimatedSize());
    }

    @Test
    void removeIfExpiredLeavesALiveEntryAndItsAccessTimeAlone() {
        oldestBehindAHeavierLaterOne();
        ticker.advance(Duration.ofSeconds(25));
        KeyValueLeafPage heavy = cache.peek(HEAVY);
        cache.removeIfExpired(HEAVY);
        cache.removeIfExpired(100L); // no entry at all
        assertSame(heavy, cache.peek(HEAVY), "live at 30 s: left in place");
        assertEquals(List.of(), recorder.evictions());
        ticker.advance(Duration.ofSeconds(5));
        assertNull(cache.peek(HEAVY), "still expires 30 s after its put: the call was no access");
    }

    private RemovalRecorder.Removal<Long> removalOf(long key) {
        return recorder.removals().stream().filter(removal -> removal.key() == key).findFirst()
                .orElseThrow(() -> new AssertionError("no removal of key " + key + ": " + recorder.removals()));
    }
}
