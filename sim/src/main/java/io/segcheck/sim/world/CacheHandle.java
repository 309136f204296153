package io.segcheck.sim.world;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * One of the world's two page caches behind long keys, so the actions treat the {@code PageCache<Long>}
 * and the {@code RecordPageCache} alike.
 *
 * <p>With queued listeners, Caffeine's maintenance waits in the simulated executor, and every put or
 * invalidation meanwhile adds one task to Caffeine's write buffer. That buffer holds
 * {@code 128 * ceilingPowerOfTwo(availableProcessors())} tasks (128 with one processor, 256 with two);
 * a write that finds it full runs the maintenance inline, inside that write. So where an eviction
 * happened depended on the machine's processor count. A handle in such a world therefore runs the
 * maintenance itself ({@code cleanUp}) right after the write that makes
 * {@link #MAX_PENDING_WRITES} writes pending since its last drain: the buffer never fills on any
 * machine, and maintenance still lands inside an arbitrary write, right after it as a full buffer
 * made it, at a point the seed decides. (Caffeine's own valve for a full buffer is no longer
 * reached there.)
 *
 * <p>Such a handle also runs the maintenance before it invalidates a key it put since the last
 * drain. Otherwise Caffeine's AddTask for that entry runs after the entry left the map and feeds
 * its frequency sketch the key field of a removed node: the shared {@code RetiredStrongKey} or
 * {@code DeadStrongKey} sentinel, whose hash is its identity hash code. That hash depends on what
 * the JVM's thread did before (classes loaded from jars or from folders, seeds run before), and in
 * a sketch of a few hundred counters the sentinel's counts land on live keys' counters, so
 * admission, and so eviction order, changed with it (seed 3 of the cache-pressure workload evicted
 * keys 36 and 4 in the other order after seed 2 had run in the same JVM, with jars on the class
 * path). Caffeine handles such a late AddTask correctly; only its counting depends on the JVM, and
 * that path is no longer taken here.
 */
final class CacheHandle<K> {

    /**
     * Writes allowed to wait for maintenance: fewer than the 128 tasks of the smallest write buffer
     * (one processor), so no write finds it full. Each put or invalidation adds at most one task
     * (Caffeine's AddTask, UpdateTask or RemovalTask); cleanUp and a new maximum drain them all.
     */
    static final int MAX_PENDING_WRITES = 120;

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
    /** Whether Caffeine's maintenance can wait (queued listeners); with a synchronous executor it runs at every write. */
    private final boolean maintenanceQueued;
    /** Writes since this handle last drained Caffeine's write buffer: at least as many as are pending there. */
    private int pendingWrites;
    /** Keys put since this handle last drained Caffeine's write buffer: their AddTask may still wait. */
    private final Set<Long> putSinceDrain = new HashSet<>();
    private int listenerFailuresSeen;

    /** Runs right before this handle runs Caffeine's maintenance itself: seeds the admission's draws. */
    private final Runnable beforeMaintenance;

    CacheHandle(int index, PageCache<K> cache, LongFunction<K> keyOf, boolean maintenanceQueued,
                Runnable beforeMaintenance) {
        this.index = index;
        this.cache = cache;
        this.keyOf = keyOf;
        this.maintenanceQueued = maintenanceQueued;
        this.beforeMaintenance = beforeMaintenance;
    }

    int index() {
        return index;
    }

    void put(long key, KeyValueLeafPage page) {
        cache.put(keyOf.apply(key), page);
        putSinceDrain.add(key);
        afterWrites(1);
    }

    Optional<PageGuard> getAndGuard(long key) {
        return cache.getAndGuard(keyOf.apply(key));
    }

    void invalidate(long key) {
        if (maintenanceQueued && putSinceDrain.contains(key)) {
            cleanUp(); // its AddTask first, while the entry is in the map (see the class comment)
        }
        cache.invalidate(keyOf.apply(key));
        afterWrites(1);
    }

    /** Removes {@code key}'s entry if it has expired (cause EXPIRED, both listeners); one write at most. */
    void removeIfExpired(long key) {
        cache.removeIfExpired(keyOf.apply(key));
        afterWrites(1);
    }

    /**
     * One invalidation per mapped key: {@link PageCache#invalidateAll()} in one call while its writes
     * fit the budget, else key by key with maintenance where the budget runs out.
     */
    void invalidateAll() {
        if (maintenanceQueued && !putSinceDrain.isEmpty()) {
            cleanUp(); // every waiting AddTask first, while its entry is in the map (see the class comment)
        }
        List<K> keys = cache.keys();
        if (pendingWrites + keys.size() <= MAX_PENDING_WRITES) {
            cache.invalidateAll();
            afterWrites(keys.size());
            return;
        }
        for (K key : keys) {
            cache.invalidate(key);
            afterWrites(1);
        }
    }

    void cleanUp() {
        beforeMaintenance.run();
        cache.cleanUp();
        drained();
    }

    private void drained() {
        pendingWrites = 0;
        putSinceDrain.clear();
    }

    /**
     * Counts {@code writes} just made and runs the maintenance once {@link #MAX_PENDING_WRITES} are
     * pending: after the write, as Caffeine runs it inline after a write that found its buffer full
     * (the model applies a call's own effect first, then the evictions seen during it).
     */
    private void afterWrites(int writes) {
        pendingWrites += writes;
        if (maintenanceQueued && pendingWrites >= MAX_PENDING_WRITES) {
            cleanUp();
        }
    }

    KeyValueLeafPage peek(long key) {
        return cache.peek(keyOf.apply(key));
    }

    /** Caffeine's {@code setMaximum} runs the maintenance, draining the write buffer. */
    void setMaxWeightBytes(long bytes) {
        beforeMaintenance.run();
        cache.setMaxWeightBytes(bytes);
        drained();
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
