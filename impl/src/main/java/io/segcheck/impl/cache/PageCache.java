package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Mark;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.impl.page.PageState;

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
 * <p>Weight is read when a page is put; after a page grows, put it again to re-weigh it.
 *
 * <p>Caller rules (documented, not enforced everywhere): a page is mapped under at most one key
 * of one cache; a page the cache removed is not put again (it may already be returned). Putting a
 * page that is not LIVE throws {@link IllegalStateException}. If a caller breaks the second rule
 * and races the listener (the page passes the LIVE check, then the listener returns it, then the
 * put maps it), the cache maps a RETURNED page: {@link #getAndGuard} answers empty for it and its
 * later removal does nothing, so no memory is touched, but the entry is dead weight until evicted.
 *
 * <p>Listener failures (e.g. an allocator rejecting a release when a defect is on) are caught and
 * kept in {@link #listenerFailures()}: Caffeine would only log them.
 */
public class PageCache<K> {

    private final KeyValueLeafPagePool pool;
    private final Defects defects;
    private final RemovalObserver<? super K> observer;
    private final ConcurrentLinkedQueue<RuntimeException> listenerFailures = new ConcurrentLinkedQueue<>();
    private final Cache<K, KeyValueLeafPage> cache;

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
        Caffeine<K, KeyValueLeafPage> builder = Caffeine.newBuilder()
                .maximumWeight(maxWeightBytes)
                .weigher((K key, KeyValueLeafPage page) -> Math.toIntExact(page.ownedBytes()))
                .executor(Objects.requireNonNull(executor, "executor"))
                .ticker(Objects.requireNonNull(ticker, "ticker"))
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
     * @throws IllegalStateException when the page is not LIVE
     */
    public void put(K key, KeyValueLeafPage page) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(page, "page");
        if (page.state() != PageState.LIVE) {
            throw new IllegalStateException("only a live page can be cached: key=" + key + " " + page);
        }
        cache.put(key, page);
    }

    /** A guard on the page mapped under {@code key}, or empty when none is mapped or it can no longer be guarded. */
    public Optional<PageGuard> getAndGuard(K key) {
        KeyValueLeafPage page = cache.getIfPresent(Objects.requireNonNull(key, "key"));
        return page == null ? Optional.empty() : page.tryGuard();
    }

    /** The page mapped under {@code key} without recording an access, or null. */
    public KeyValueLeafPage peek(K key) {
        return cache.policy().getIfPresentQuietly(Objects.requireNonNull(key, "key"));
    }

    public void invalidate(K key) {
        cache.invalidate(Objects.requireNonNull(key, "key"));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Runs Caffeine's pending maintenance (evictions, expiry) now. */
    public void cleanUp() {
        cache.cleanUp();
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

    /** Exceptions thrown while handing removed pages back, oldest first. */
    public List<RuntimeException> listenerFailures() {
        return List.copyOf(listenerFailures);
    }

    public KeyValueLeafPagePool pool() {
        return pool;
    }

    private void onRemoval(K key, KeyValueLeafPage page, RemovalCause cause) {
        if (key == null || page == null) {
            return; // only for collected weak/soft entries, which this cache does not use
        }
        defects.mark(Mark.cacheRemoved(cause.name()));
        RemovalHandling handling;
        try {
            handling = handleRemoved(key, page);
        } catch (RuntimeException failure) {
            listenerFailures.add(failure);
            handling = RemovalHandling.FAILED;
        }
        observer.pageRemoved(key, page, cause, handling);
    }

    private RemovalHandling handleRemoved(K key, KeyValueLeafPage page) {
        if (cache.policy().getIfPresentQuietly(key) == page) {
            return RemovalHandling.STILL_MAPPED;
        }
        if (defects.isEnabled(Defect.EVICTION_SKIPS_RETURN)) {
            // DEFECT(EVICTION_SKIPS_RETURN): the historic listener cleared the page and kept its segments.
            page.clear();
            return RemovalHandling.CLEARED_ONLY;
        }
        pool.returnPage(page);
        return RemovalHandling.RETIRED;
    }
}
