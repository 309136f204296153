package io.segcheck.sim.pages;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageCacheAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.Lockstep;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page simulator drives a bound cache: segcheck's page behind a small map cache written here
 * (bound through {@link PageFactory#cache} like a team's) is put, got, invalidated and evicted, its
 * removal listener's tasks run as steps and at the quiesce, and it stays clean; the same cache with
 * a break the simulator was never told about (an invalidation that notifies the listener but keeps
 * the entry, so a later get hands out a page whose segments went back) is found.
 */
class PageCacheDrivingTest {

    /** At most two entries, oldest evicted; every removal runs {@code returnSegments} on the executor. */
    private static final class MapCache implements PageCacheAdapter {
        private final boolean keepsInvalidatedEntries;
        private final LinkedHashMap<Long, PageAdapter> entries = new LinkedHashMap<>();
        private Executor removals;

        MapCache(boolean keepsInvalidatedEntries) {
            this.keepsInvalidatedEntries = keepsInvalidatedEntries;
        }

        @Override
        public void runRemovalsOn(Executor removalExecutor) {
            removals = removalExecutor;
        }

        @Override
        public void put(long key, PageAdapter page) {
            removed(entries.put(key, page));
            while (entries.size() > 2) {
                Long oldest = entries.keySet().iterator().next();
                removed(entries.remove(oldest));
            }
        }

        @Override
        public PageAdapter get(long key) {
            return entries.get(key);
        }

        @Override
        public void invalidate(long key) {
            removed(keepsInvalidatedEntries ? entries.get(key) : entries.remove(key));
        }

        private void removed(PageAdapter page) {
            if (page != null) {
                removals.execute(page::returnSegments);
            }
        }
    }

    /** segcheck's page with the map cache bound. */
    private record CachedPages(boolean planted) implements PageFactory {
        @Override
        public PageAdapter create(OffHeapAllocator allocator, PageDesign.DeweyIds deweyIds) {
            return new KeyValueLeafPageFactory().create(allocator, deweyIds);
        }

        @Override
        public Optional<PageCacheAdapter> cache(OffHeapAllocator allocator) {
            return Optional.of(new MapCache(planted));
        }

        @Override
        public PageDesign design() {
            return new KeyValueLeafPageFactory().design();
        }
    }

    @Test
    void everyCacheCallAndTheRemovalListenerRunOnACleanCache() {
        PageSimulationFactory factory = new PageSimulationFactory(new CachedPages(false), new SegcheckAllocatorFactory());
        assertTrue(factory.roles().contains(PageWorkerRole.CACHE_USER.name()), factory.roles().toString());
        Map<String, Integer> reached = new LinkedHashMap<>();
        for (String marker : List.of("cache.put(", ") -> page#", "cache.invalidate(", "cache removal listener")) {
            reached.put(marker, 0);
        }
        for (long seed = 0; seed < 40; seed++) {
            RunOutcome outcome = run(factory, seed);
            assertTrue(outcome.clean(), outcome.sentence());
            for (String line : outcome.trace()) {
                reached.replaceAll((marker, count) -> line.contains(marker) ? count + 1 : count);
            }
        }
        System.out.println("PAGE CACHE REACHED " + reached);
        reached.forEach((marker, count) -> assertTrue(count > 0, "never reached: " + marker + " in " + reached));
    }

    @Test
    void aCacheHandingOutAPageItsListenerAlreadyReturnedIsFound() {
        PageSimulationFactory factory = new PageSimulationFactory(new CachedPages(true), new SegcheckAllocatorFactory());
        RunOutcome found = null;
        for (long seed = 0; seed < 40 && found == null; seed++) {
            RunOutcome outcome = run(factory, seed);
            found = outcome.clean() ? null : outcome;
        }
        assertTrue(found != null, "40 seeds never caught the cache that keeps invalidated entries");
        assertEquals(Optional.of(ViolationKind.USE_AFTER_RELEASE.name()), found.signature(), found.sentence());
    }

    private static RunOutcome run(PageSimulationFactory factory, long seed) {
        RunConfig config = PageSimulator.config(seed, 200);
        PageSimulationSettings settings = PageSimulationSettings.forSeed(seed, factory.roles().size(), false);
        return new Lockstep(factory).execute(config, factory.schedule(config, settings), true);
    }
}
