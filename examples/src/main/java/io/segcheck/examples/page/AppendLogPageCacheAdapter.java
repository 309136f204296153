package io.segcheck.examples.page;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageCacheAdapter;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@link AppendLogPageCache} seen through segcheck's cache seam: the cache keeps the team's own
 * pages; this adapter remembers which adapter wraps each, so a get hands back the instance that was
 * put. Nothing else is added: the removal listener is the cache's own.
 */
final class AppendLogPageCacheAdapter implements PageCacheAdapter {

    private final int maxEntries;
    private final PageVariant variant;
    private final Map<AppendLogPage, AppendLogPageAdapter> adapters = new IdentityHashMap<>();
    private AppendLogPageCache cache;

    AppendLogPageCacheAdapter(int maxEntries, PageVariant variant) {
        this.maxEntries = maxEntries;
        this.variant = variant;
    }

    @Override
    public void runRemovalsOn(Executor removalExecutor) {
        cache = new AppendLogPageCache(maxEntries, removalExecutor, variant);
    }

    @Override
    public void put(long key, PageAdapter page) {
        AppendLogPageAdapter adapter = (AppendLogPageAdapter) page;
        synchronized (adapters) {
            adapters.put(adapter.page(), adapter);
        }
        started().put(key, adapter.page());
    }

    @Override
    public PageAdapter get(long key) {
        AppendLogPage page = started().get(key);
        if (page == null) {
            return null;
        }
        synchronized (adapters) {
            return adapters.get(page);
        }
    }

    @Override
    public void invalidate(long key) {
        started().invalidate(key);
    }

    private AppendLogPageCache started() {
        if (cache == null) {
            throw new IllegalStateException("runRemovalsOn(executor) must be called first");
        }
        return cache;
    }
}
