package io.segcheck.impl.cache;

import io.segcheck.impl.page.KeyValueLeafPage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes a {@link PageCache}'s removal listener with {@code put} on the same key without
 * holding any lock across a call into Caffeine.
 *
 * <p>Why not one lock around the listener and around {@code put}'s {@code cache.put}: Caffeine
 * calls the weigher (which takes the page's lock) inside {@code cache.put}, and may run the removal
 * listener (which takes the page's lock, then this one) inside its own eviction lock when the
 * executor runs tasks on the calling thread; a put holding a key lock across {@code cache.put}
 * would close a cycle. So a put holds the key's stripe only to check the page and announce itself
 * ({@link #beginPut}), makes the mapping with no lock of ours held, and takes the stripe again to
 * finish ({@link #endPut}). A listener that finds its page announced under its key defers its
 * decision ({@link #defer}) to the end of that put, when the mapping is either there or replaced.
 *
 * <p>Lock order: page lock, then stripe; nothing is called under a stripe that takes a page lock
 * except the listener's return, which already holds that page's lock.
 */
final class KeyLocks<K> {

    private static final int STRIPES = 64;

    /** One stripe's puts in flight and deferred removals, by key; guarded by the stripe itself. */
    static final class Stripe<K> {
        private final Map<K, KeyState> states = new HashMap<>();
    }

    private static final class KeyState {
        private final List<KeyValueLeafPage> pagesBeingPut = new ArrayList<>();
        private final List<Deferred> deferred = new ArrayList<>();

        boolean isEmpty() {
            return pagesBeingPut.isEmpty() && deferred.isEmpty();
        }
    }

    private record Deferred(KeyValueLeafPage page, Runnable decision) {
    }

    private final List<Stripe<K>> stripes = new ArrayList<>(STRIPES);

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.add(new Stripe<>());
        }
    }

    /** The stripe to synchronize on for {@code key}. */
    Stripe<K> stripe(K key) {
        int hash = key.hashCode();
        return stripes.get((hash ^ (hash >>> 16)) & (STRIPES - 1));
    }

    /** A put of {@code page} under {@code key} has checked the page and is about to map it. Stripe held. */
    static <K> void beginPut(Stripe<K> stripe, K key, KeyValueLeafPage page) {
        assert Thread.holdsLock(stripe);
        stripe.states.computeIfAbsent(key, unused -> new KeyState()).pagesBeingPut.add(page);
    }

    /** True while a put of {@code page} under {@code key} is between {@link #beginPut} and {@link #endPut}. Stripe held. */
    static <K> boolean isBeingPut(Stripe<K> stripe, K key, KeyValueLeafPage page) {
        assert Thread.holdsLock(stripe);
        KeyState state = stripe.states.get(key);
        return state != null && containsInstance(state.pagesBeingPut, page);
    }

    /** Keeps a removal's decision until the put of {@code page} under {@code key} ends. Stripe held. */
    static <K> void defer(Stripe<K> stripe, K key, KeyValueLeafPage page, Runnable decision) {
        assert Thread.holdsLock(stripe);
        stripe.states.get(key).deferred.add(new Deferred(page, decision));
    }

    /**
     * The put of {@code page} under {@code key} has mapped it (or failed); returns the decisions
     * deferred on it, to run with no stripe held. Takes the stripe.
     */
    static <K> List<Runnable> endPut(Stripe<K> stripe, K key, KeyValueLeafPage page) {
        synchronized (stripe) {
            KeyState state = stripe.states.get(key);
            removeInstance(state.pagesBeingPut, page);
            List<Runnable> due = new ArrayList<>();
            if (!containsInstance(state.pagesBeingPut, page)) {
                state.deferred.removeIf(deferred -> {
                    boolean isDue = deferred.page() == page;
                    if (isDue) {
                        due.add(deferred.decision());
                    }
                    return isDue;
                });
            }
            if (state.isEmpty()) {
                stripe.states.remove(key);
            }
            return due;
        }
    }

    private static boolean containsInstance(List<KeyValueLeafPage> pages, KeyValueLeafPage page) {
        for (KeyValueLeafPage candidate : pages) {
            if (candidate == page) {
                return true;
            }
        }
        return false;
    }

    private static void removeInstance(List<KeyValueLeafPage> pages, KeyValueLeafPage page) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i) == page) {
                pages.remove(i);
                return;
            }
        }
    }
}
