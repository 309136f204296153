package io.segcheck.sim.world;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * One of the world's two page caches behind long keys, so the actions treat the {@code PageCache<Long>}
 * and the {@code RecordPageCache} alike.
 */
final class CacheHandle<K> {

    /** One removal the cache's listener handled, in model terms: the page and the life its entry was put in. */
    record Removal(int cacheIndex, long key, KeyValueLeafPage page, long entryLife, RemovalCause cause,
                   RemovalHandling handling) {
    }

    /**
     * Queued-listener worlds: an eviction during Caffeine's maintenance ({@code listenerRan} false,
     * no handling yet, entry life -1) or a removal listener that ran, with the page's life its
     * entry was put in and what it did.
     */
    record Event(boolean listenerRan, int cacheIndex, long key, KeyValueLeafPage page, long entryLife,
                 RemovalCause cause, RemovalHandling handling) {
    }

    private final int index;
    private final PageCache<K> cache;
    private final LongFunction<K> keyOf;
    private int listenerFailuresSeen;

    CacheHandle(int index, PageCache<K> cache, LongFunction<K> keyOf) {
        this.index = index;
        this.cache = cache;
        this.keyOf = keyOf;
    }

    int index() {
        return index;
    }

    void put(long key, KeyValueLeafPage page) {
        cache.put(keyOf.apply(key), page);
    }

    Optional<PageGuard> getAndGuard(long key) {
        return cache.getAndGuard(keyOf.apply(key));
    }

    void invalidate(long key) {
        cache.invalidate(keyOf.apply(key));
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    void cleanUp() {
        cache.cleanUp();
    }

    KeyValueLeafPage peek(long key) {
        return cache.peek(keyOf.apply(key));
    }

    void setMaxWeightBytes(long bytes) {
        cache.setMaxWeightBytes(bytes);
    }

    long maxWeightBytes() {
        return cache.maxWeightBytes();
    }

    long estimatedSize() {
        return cache.estimatedSize();
    }

    long weightedSizeBytes() {
        return cache.weightedSizeBytes();
    }

    /** Listener failures since the last call of this method. */
    List<RuntimeException> newListenerFailures() {
        List<RuntimeException> all = cache.listenerFailures();
        List<RuntimeException> fresh = all.subList(listenerFailuresSeen, all.size());
        listenerFailuresSeen = all.size();
        return fresh;
    }

    @Override
    public String toString() {
        return "cache#" + index;
    }
}
