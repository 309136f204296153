package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.page.KeyValueLeafPage;

/**
 * Called by a {@link PageCache} after its removal listener handled a page, on the listener's
 * thread (the cache's executor). Lets checkers follow Caffeine's choices (which key went, and
 * why) instead of predicting them. Must be thread-safe when the executor is concurrent.
 */
@FunctionalInterface
public interface RemovalObserver<K> {

    /** A removal of {@code key -> page} for {@code cause}, handled as {@code handling}. */
    void pageRemoved(K key, KeyValueLeafPage page, RemovalCause cause, RemovalHandling handling);

    /** An observer that does nothing. */
    static <K> RemovalObserver<K> none() {
        return (key, page, cause, handling) -> { };
    }
}
