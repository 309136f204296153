package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.InjectedFault;
import io.segcheck.impl.defect.Mark;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.impl.page.PageStatus;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A Caffeine cache of {@link KeyValueLeafPage}s bounded by weight: the segment bytes each page owns.
 *
 * <p>Ownership: a page put into the cache belongs to the cache until it is removed. The removal
 * listener ({@code removalListener}, which fires for every cause: SIZE, EXPIRED, EXPLICIT,
 * REPLACED; {@code evictionListener} would miss invalidations and replacements) hands each removed
 * page to {@link KeyValueLeafPagePool#returnPage}, which returns its segments or, while the page is
 * guarded, orphans it until its last guard closes. A page that the key maps again by the time the
 * listener runs is left alone, so a still-mapped page is never returned. Caffeine itself skips
 * the REPLACED notification when the same instance is put again; the identity check covers it anyway.
 *
 * <p>Weight is read when a page is put: an entry weighs what its page owned then. After a page
 * grows, put it again to re-weigh it; until then the entry's weight is stale by design, and the
 * bound holds over the weights as put.
 *
 * <p>An entry maps a key to one <em>life</em> of a page ({@link KeyValueLeafPage#life()}): the life
 * it was in when put. When that life ends elsewhere (the page is returned behind the cache's back,
 * or by another cache that also mapped it, and possibly reset for another owner) the entry is
 * dead: {@link #getAndGuard} answers empty for it and its removal leaves the page alone
 * ({@link RemovalHandling#LIFE_ENDED}). So a key never hands out a guard on a later owner's data,
 * and a page in two caches is retired once, by the first removal. The life check and the guard
 * (or the return) are one step under the page's lock, so a lookup racing invalidate, return,
 * reset and put cannot guard the wrong life either. Putting a page that is not LIVE throws
 * {@link IllegalStateException}.
 *
 * <p>Listener failures (e.g. an allocator rejecting a release when a defect is on) are caught and
 * kept in {@link #listenerFailures()}: Caffeine would only log them.
 */
public class PageCache<K> {

    /** A value no entry holds: {@link #removeIfExpired} removes only what has expired. */
    private static final Object NOT_AN_ENTRY = new Object();

    private final KeyValueLeafPagePool pool;
    private final Defects defects;
    private final RemovalObserver<? super K> observer;
    private final ConcurrentLinkedQueue<RuntimeException> listenerFailures = new ConcurrentLinkedQueue<>();
    private final Cache<K, Entry> cache;
    private final KeyLocks<K> keyLocks = new KeyLocks<>();

    /**
     * One mapping: a page and the life it was in when put. When the entry leaves the cache
     * (replaced, invalidated, evicted) it also records the life its page is in at that moment, for
     * the REMOVAL_RETURNS_REUSED_PAGE defect only: the fixed listener decides from the put life
     * alone, whenever it runs.
     */
    private static final class Entry {
        private final KeyValueLeafPage page;
        private final long life;
        private volatile long lifeAtRemoval = -1;

        Entry(KeyValueLeafPage page, long life) {
            this.page = page;
            this.life = life;
        }

        KeyValueLeafPage page() {
            return page;
        }

        long life() {
            return life;
        }

        void markRemoved() {
            lifeAtRemoval = page.life();
        }

        /** The page's life when the entry left the cache; now, when the removal was not marked. */
        long lifeAtRemoval() {
            long marked = lifeAtRemoval;
            return marked >= 0 ? marked : page.life();
        }
    }

    /**
     * The full constructor.
     *
     * @param maxWeightBytes the most segment bytes of mapped pages before size eviction
     * @param executor runs removal listeners (Caffeine's default is {@link ForkJoinPool#commonPool()})
     * @param ticker Caffeine's clock, for expiry
     * @param expireAfterAccess entries expire this long after their last read or write; null for never
     * @param observer told of every handled removal; null for none
     */
    public PageCache(KeyValueLeafPagePool pool, long maxWeightBytes, Executor executor, Ticker ticker,
                     Defects defects, Duration expireAfterAccess, RemovalObserver<? super K> observer) {
        if (maxWeightBytes < 0) {
            throw new IllegalArgumentException("maxWeightBytes=" + maxWeightBytes + " must be >= 0");
        }
        if (expireAfterAccess != null && (expireAfterAccess.isNegative() || expireAfterAccess.isZero())) {
            throw new IllegalArgumentException("expireAfterAccess=" + expireAfterAccess + " must be positive");
        }
        this.pool = Objects.requireNonNull(pool, "pool");
        this.defects = Objects.requireNonNull(defects, "defects");
        this.observer = observer == null ? RemovalObserver.none() : observer;
        Caffeine<K, Entry> builder = Caffeine.newBuilder()
                .maximumWeight(maxWeightBytes)
                .weigher((K key, Entry entry) -> Math.toIntExact(weightOf(entry.page())))
                .executor(Objects.requireNonNull(executor, "executor"))
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .evictionListener(this::onEviction)
                .removalListener(this::onRemoval);
        if (expireAfterAccess != null) {
            builder.expireAfterAccess(expireAfterAccess);
        }
        this.cache = builder.build();
    }

    /** The constructor of the issue: no expiry, no observer. */
    public PageCache(KeyValueLeafPagePool pool, long maxWeightBytes, Executor executor, Ticker ticker,
                     Defects defects) {
        this(pool, maxWeightBytes, executor, ticker, defects, null, null);
    }

    /** Caffeine's defaults: listeners on {@link ForkJoinPool#commonPool()}, the system ticker, no defects. */
    public PageCache(KeyValueLeafPagePool pool, long maxWeightBytes) {
        this(pool, maxWeightBytes, ForkJoinPool.commonPool(), Ticker.systemTicker(), Defects.none());
    }

    /**
     * Maps {@code key} to {@code page}. A different page previously under {@code key} is removed
     * (cause REPLACED) and retired by the listener; the same page again is only re-weighed.
     *
     * @throws IllegalArgumentException when the page's segments come from another allocator than
     *     the pool's (its removal could not return them)
     * @throws IllegalStateException when the page is not LIVE
     */
    public void put(K key, KeyValueLeafPage page) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(page, "page");
        if (page.allocator() != pool.allocator()) {
            throw new IllegalArgumentException("page belongs to another allocator than this cache's pool: key=" + key
                    + " " + page);
        }
        KeyLocks.Stripe<K> stripe = keyLocks.stripe(key);
        Entry entry;
        synchronized (stripe) {
            // Under the key's stripe, where this key's removal listener decides and returns: the
            // page cannot be returned by it between this check and the mapping below (KeyLocks).
            // The life is read before the state: LIVE then means live in at least that life.
            long life = page.life();
            if (page.state() != PageStatus.LIVE || page.life() != life) {
                throw new IllegalStateException("only a live page can be cached: key=" + key + " " + page);
            }
            Entry mapped = cache.policy().getIfPresentQuietly(key);
            // The same entry instance again: Caffeine re-weighs it without a REPLACED notification.
            entry = mapped != null && mapped.page() == page && mapped.life() == life ? mapped : new Entry(page, life);
            if (mapped != null && mapped != entry) {
                mapped.markRemoved(); // REPLACED just below
            }
            KeyLocks.beginPut(stripe, key, page);
        }
        try {
            cache.put(key, entry);
        } finally {
            KeyLocks.endPut(stripe, key, page).forEach(Runnable::run); // removals that waited for this put
        }
    }

    /**
     * A guard on the page mapped under {@code key}, in the life it was put in; empty when none is
     * mapped, or the page mapped can no longer be guarded in that life.
     */
    public Optional<PageGuard> getAndGuard(K key) {
        Objects.requireNonNull(key, "key");
        Entry entry = cache.getIfPresent(key); // records the access (expiry, statistics)
        if (entry != null) {
            // Looked up again, skipping an entry another thread's removal has retired but not yet
            // taken out of the map: Caffeine's getIfPresent still finds such an entry, its key
            // iteration (keys(), invalidateAll()) no longer does. Answering for it let a thread
            // whose own invalidateAll() had just returned get a guard under a key that call no
            // longer saw (generated scenarios under Fray, nightly seed 572).
            entry = liveEntry(key);
        }
        while (entry != null) {
            Optional<PageGuard> guard = guard(entry);
            if (guard.isPresent()) {
                return guard;
            }
            // Looked up, then guarded: a put may have replaced the entry in between and the
            // listener retired its page, while the key stayed mapped throughout. Answering empty
            // then was a miss at no instant of the call (generated scenarios under Fray: a put
            // replacing the key's page racing a getAndGuard). Empty only when the entry that
            // refused is still the one mapped, or none is; else answer for the one mapped now.
            Entry now = liveEntry(key);
            entry = now == entry ? null : now;
        }
        return Optional.empty();
    }

    /** The entry mapped under {@code key} and not being removed, without recording an access; or null. */
    private Entry liveEntry(K key) {
        Policy.CacheEntry<K, Entry> mapped = cache.policy().getEntryIfPresentQuietly(key);
        return mapped == null ? null : mapped.getValue();
    }

    /**
     * Safe against the entry leaving the cache: the life check and the guard are one step under the
     * page's lock, and a removal listener that retires the page after that finds it guarded and
     * orphans it until this guard closes.
     */
    private Optional<PageGuard> guard(Entry entry) {
        if (defects.isEnabled(Defect.GET_AND_GUARD_IGNORES_LIFE)) {
            // DEFECT(GET_AND_GUARD_IGNORES_LIFE): guards the page in whatever life it is in now.
            return entry.page().tryGuard();
        }
        return entry.page().tryGuard(entry.life());
    }

    /** The page mapped under {@code key} without recording an access, or null; also a dead entry's page. */
    public KeyValueLeafPage peek(K key) {
        Entry entry = cache.policy().getIfPresentQuietly(Objects.requireNonNull(key, "key"));
        return entry == null ? null : entry.page();
    }

    public void invalidate(K key) {
        Entry mapped = cache.policy().getIfPresentQuietly(Objects.requireNonNull(key, "key"));
        if (mapped != null) {
            mapped.markRemoved(); // before the removal, so even an inline listener sees the mark
            cache.asMap().remove(key, mapped); // only the entry looked at: a put in between is not undone
        }
    }

    /** Invalidates every key, each marked at its removal (see {@link #invalidate}). */
    public void invalidateAll() {
        for (K key : keys()) {
            invalidate(key);
        }
    }

    /** The keys mapped now, in the map's iteration order (a copy); also dead entries' keys. */
    public List<K> keys() {
        return List.copyOf(cache.asMap().keySet());
    }

    /**
     * Runs Caffeine's pending maintenance (evictions, expiry) now. It may leave an expired entry in
     * place: see {@link #removeIfExpired}.
     */
    public void cleanUp() {
        cache.cleanUp();
    }

    /**
     * Removes {@code key}'s entry now if it has expired, as Caffeine's maintenance would: cause
     * EXPIRED, the eviction listener and then the removal listener (which returns the page). A live
     * entry, or none, is left as it is, its access time too.
     *
     * <p>Why: an expired entry reads as absent at once, but it leaves the cache, and its page goes
     * back, only when maintenance reaches it. Caffeine's clean-up walks each access-order queue from
     * its head and stops at the first entry still live, so an expired entry queued behind an entry
     * read later (an entry too heavy for the admission window jumps ahead of older ones on its way
     * to the main space) waits until every entry ahead of it has expired or moved; until then its
     * page stays leased by the cache.
     */
    public void removeIfExpired(K key) {
        // Caffeine's remove(key, value) evicts an expired entry whatever the value (EXPIRED, both
        // listeners) and removes a live one only when it holds the value: never this one.
        cache.asMap().remove(Objects.requireNonNull(key, "key"), NOT_AN_ENTRY);
    }

    /** Entries mapped now (Caffeine's estimate, exact after {@link #cleanUp()}). */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /** Total weight of the mapped entries, as Caffeine accounts it. */
    public long weightedSizeBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    public long maxWeightBytes() {
        return cache.policy().eviction().orElseThrow().getMaximum();
    }

    /**
     * Sets the maximum weight (Caffeine evicts down to it at its next maintenance); for a
     * simulated eviction storm and for operators resizing a cache.
     *
     * @throws IllegalArgumentException when negative
     */
    public void setMaxWeightBytes(long maxWeightBytes) {
        if (maxWeightBytes < 0) {
            throw new IllegalArgumentException("maxWeightBytes=" + maxWeightBytes + " must be >= 0");
        }
        cache.policy().eviction().orElseThrow().setMaximum(maxWeightBytes);
    }

    /** Exceptions thrown while handing removed pages back, oldest first. */
    public List<RuntimeException> listenerFailures() {
        return List.copyOf(listenerFailures);
    }

    public KeyValueLeafPagePool pool() {
        return pool;
    }

    /** An entry's weight: the segment bytes its page owns when put. */
    private long weightOf(KeyValueLeafPage page) {
        if (defects.isEnabled(Defect.CACHE_WEIGHS_SLOTS_ONLY)) {
            // DEFECT(CACHE_WEIGHS_SLOTS_ONLY): a separate DeweyID segment goes unweighed.
            return page.slotMemory().byteSize();
        }
        return page.ownedBytes();
    }

    /** Synchronous, inside Caffeine's maintenance: marks the entry and tells the observer; the removal listener retires. */
    private void onEviction(K key, Entry entry, RemovalCause cause) {
        if (key != null && entry != null) {
            entry.markRemoved();
            observer.entryEvicted(key, entry.page(), cause);
        }
    }

    private void onRemoval(K key, Entry entry, RemovalCause cause) {
        if (key == null || entry == null) {
            return; // only for collected weak/soft entries, which this cache does not use
        }
        defects.mark(Mark.cacheRemoved(cause.name()));
        handleAndReport(key, entry, cause);
    }

    /** Handles one removal and tells the observer; a removal deferred to the end of a put is told then. */
    private void handleAndReport(K key, Entry entry, RemovalCause cause) {
        RemovalHandling handling = RemovalHandling.FAILED;
        try {
            handling = decideAndHandle(key, entry, cause);
            if (handling == null) {
                return; // waits for a put of its page under its key; handled and told when that put ends
            }
            if (pool.faults().fire(FaultSite.LISTENER_THROWS)) {
                throw new InjectedFault(FaultSite.LISTENER_THROWS, "removal listener failed after handling key=" + key);
            }
        } catch (RuntimeException failure) {
            // Caught here rather than left to Caffeine, which would only log it; a failure after
            // the page was handled keeps the handling it had.
            listenerFailures.add(failure);
        }
        observer.pageRemoved(key, entry.page(), entry.life(), cause, handling);
    }

    /**
     * The listener's look ("does the key map this page again?") and its act (return the page) as
     * one step against {@link #put} of the same key: under the page's lock, then the key's stripe,
     * which a put holds while it checks the page is live. A put that has checked but not yet
     * mapped makes the removal wait for its end (null here). (Looking, then returning in a
     * separate step, let a put of the same page land in between: the cache then mapped a returned
     * page and its data was gone.)
     */
    private RemovalHandling decideAndHandle(K key, Entry entry, RemovalCause cause) {
        if (defects.isEnabled(Defect.REMOVAL_CHECK_THEN_RETURN_RACES_PUT)) {
            // DEFECT(REMOVAL_CHECK_THEN_RETURN_RACES_PUT): looks and returns with no lock between them.
            return handleRemoved(key, entry);
        }
        KeyValueLeafPage page = entry.page();
        KeyLocks.Stripe<K> stripe = keyLocks.stripe(key);
        return pool.decideUnderPageLock(page, () -> {
            synchronized (stripe) {
                if (KeyLocks.isBeingPut(stripe, key, page)) {
                    KeyLocks.defer(stripe, key, page, () -> handleAndReport(key, entry, cause));
                    // Told under the stripe, so before the put's end can run the decision and tell pageRemoved.
                    observer.removalDeferred(key, page, entry.life(), cause);
                    return null;
                }
                return handleRemoved(key, entry);
            }
        });
    }

    private RemovalHandling handleRemoved(K key, Entry entry) {
        KeyValueLeafPage page = entry.page();
        Entry now = cache.policy().getIfPresentQuietly(key);
        // DEFECT(REMOVAL_RETURNS_REMAPPED_PAGE): skips this check, returning a page the key maps again.
        if (now != null && now.page() == page && !defects.isEnabled(Defect.REMOVAL_RETURNS_REMAPPED_PAGE)) {
            return RemovalHandling.STILL_MAPPED;
        }
        if (defects.isEnabled(Defect.EVICTION_SKIPS_RETURN)) {
            // DEFECT(EVICTION_SKIPS_RETURN): the historic listener cleared the page and kept its segments.
            page.clear();
            return RemovalHandling.CLEARED_ONLY;
        }
        if (defects.isEnabled(Defect.REMOVAL_RETURNS_REUSED_PAGE)) {
            // DEFECT(REMOVAL_RETURNS_REUSED_PAGE): decides from the life the page had when its entry
            // left the cache, then retires whatever life the page is in when the listener runs.
            if (entry.lifeAtRemoval() != entry.life()) {
                return RemovalHandling.LIFE_ENDED;
            }
            pool.returnPage(page);
            return RemovalHandling.RETIRED;
        }
        return pool.returnPageOfLife(page, entry.life()) ? RemovalHandling.RETIRED : RemovalHandling.LIFE_ENDED;
    }
}
