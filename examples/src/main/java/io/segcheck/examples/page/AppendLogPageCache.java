package io.segcheck.examples.page;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The example team's page cache, written apart from segcheck's Caffeine caches: at most
 * {@code maxEntries} pages by key, least recently used evicted first. Every removal (eviction,
 * invalidation, a put replacing a key's page) hands the removed page to the removal listener, a
 * task on the cache's executor that returns the page's segments. Thread-safe: every method holds
 * the cache's monitor; the listener runs outside it, on the executor.
 *
 * <p>Planted ({@link PageVariant#EVICTION_LISTENER_NEVER_RETURNS}): the listener only counts the
 * removal, and the removed page's segments are never returned, the seed's eviction listener.
 */
public final class AppendLogPageCache {

    private final int maxEntries;
    private final Executor removals;
    private final PageVariant variant;
    private final LinkedHashMap<Long, AppendLogPage> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long removalsSeen;

    public AppendLogPageCache(int maxEntries, Executor removals, PageVariant variant) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries=" + maxEntries + " must be > 0");
        }
        this.maxEntries = maxEntries;
        this.removals = removals;
        this.variant = variant;
    }

    /** Caches {@code page} under {@code key}; the page it replaces, and the least recently used past the bound, are removed. */
    public synchronized void put(long key, AppendLogPage page) {
        AppendLogPage replaced = entries.put(key, page);
        if (replaced != null && replaced != page) {
            removed(replaced);
        }
        for (Iterator<Map.Entry<Long, AppendLogPage>> oldest = entries.entrySet().iterator();
                entries.size() > maxEntries && oldest.hasNext(); ) {
            AppendLogPage evicted = oldest.next().getValue();
            oldest.remove();
            removed(evicted);
        }
    }

    public synchronized AppendLogPage get(long key) {
        return entries.get(key);
    }

    public synchronized void invalidate(long key) {
        AppendLogPage removed = entries.remove(key);
        if (removed != null) {
            removed(removed);
        }
    }

    /** How many removals the listener has seen, for a debugging dump. */
    public synchronized long removalsSeen() {
        return removalsSeen;
    }

    /** Hands {@code page} to the removal listener, which runs later on the executor. */
    private void removed(AppendLogPage page) {
        if (entries.containsValue(page)) {
            return; // still cached under another key: it is not removed from the cache
        }
        removals.execute(() -> listen(page));
    }

    /** The removal listener: the removed page's segments go back. */
    private void listen(AppendLogPage page) {
        synchronized (this) {
            removalsSeen++;
        }
        if (variant == PageVariant.EVICTION_LISTENER_NEVER_RETURNS) {
            return; // PLANTED: counted, never returned
        }
        page.returnSegmentsToAllocator();
    }
}
