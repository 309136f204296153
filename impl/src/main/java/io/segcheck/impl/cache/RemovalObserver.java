package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.page.KeyValueLeafPage;

/**
 * Called by a {@link PageCache} after its removal listener handled a page, on the listener's
 * thread (the cache's executor), or, for a removal the listener deferred to the end of a put
 * ({@link #removalDeferred}), on the putting thread. Lets checkers follow Caffeine's choices
 * (which key went, and why) instead of predicting them. Must be thread-safe, and must take no lock
 * of the cache's or of a page ({@link #removalDeferred} is told under them).
 */
@FunctionalInterface
public interface RemovalObserver<K> {

    /**
     * A removal of {@code key -> page} for {@code cause}, handled as {@code handling}.
     * {@code entryLife} is the page's life the entry was put in: one key can have several removals
     * of the same page pending (an expired entry replaced, the page reset and put again), and only
     * the life tells them apart.
     */
    void pageRemoved(K key, KeyValueLeafPage page, long entryLife, RemovalCause cause, RemovalHandling handling);

    /**
     * The listener found a put of {@code page} under {@code key} in flight and left this removal's
     * decision to that put's end: {@link #pageRemoved} follows for it then, on the putting thread,
     * so the removal takes effect anywhere between the listener's run and the put's return. Called
     * on the listener's thread under the page's lock and the key's stripe, so always before that
     * {@link #pageRemoved}.
     */
    default void removalDeferred(K key, KeyValueLeafPage page, long entryLife, RemovalCause cause) {
    }

    /**
     * Caffeine evicted {@code key -> page} for {@code cause} (SIZE, EXPIRED) during its
     * maintenance; the removal listener follows, on the executor, perhaps much later. Called on
     * the maintenance thread, before the entry's listener is queued.
     */
    default void entryEvicted(K key, KeyValueLeafPage page, RemovalCause cause) {
    }

    /** An observer that does nothing. */
    static <K> RemovalObserver<K> none() {
        return (key, page, entryLife, cause, handling) -> { };
    }
}
