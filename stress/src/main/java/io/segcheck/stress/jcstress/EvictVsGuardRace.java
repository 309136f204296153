package io.segcheck.stress.jcstress;

import io.segcheck.stress.RaceOutcomes;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A cached page holding one record; one thread removes it from the cache while another guards
 * it through the cache and reads the record under the guard. Driven by {@link Cache_01_EvictVsGuard}
 * and {@link Cache_01_BrokenEvictVsGuard}.
 *
 * <p>The removal is {@code invalidate}: Caffeine sends every removal cause (size eviction, expiry,
 * invalidation, replacement) through the same removal listener, and an explicit invalidation makes
 * the victim certain, where a size eviction would let Caffeine pick either entry. The listener
 * runs on the removing thread ({@code Runnable::run}) so that it has finished by the arbiter
 * without any waiting.
 */
final class EvictVsGuardRace {

    private static final long CACHE_WEIGHT_BYTES = 1 << 20;
    private static final String KEY = "page";

    private final PageCache<String> cache;
    private final KeyValueLeafPage page;
    private final MemorySegment memory;

    EvictVsGuardRace(KeyValueLeafPagePool pool, Defects defects) {
        this.cache = new PageCache<>(pool, CACHE_WEIGHT_BYTES, Runnable::run, Ticker.systemTicker(), defects);
        this.page = pool.borrowPage(5, 1, 4096, false);
        page.setSlot(0, RaceOutcomes.pattern());
        this.memory = StressFixtures.leaseOf(page.slotMemory());
        cache.put(KEY, page);
    }

    /** The removing thread. */
    String evict() {
        return RaceOutcomes.outcomeOf(() -> cache.invalidate(KEY));
    }

    /** The reader: "absent" when the removal won, else what it read under its guard. */
    String guardAndRead() {
        try {
            Optional<PageGuard> guard = cache.getAndGuard(KEY);
            if (guard.isEmpty()) {
                return "absent";
            }
            try (PageGuard open = guard.get()) {
                return "guarded-" + RaceOutcomes.classify(open.page().getSlot(0));
            }
        } catch (RuntimeException failure) {
            return RaceOutcomes.describe(failure);
        }
    }

    /** After both: the page's state, segments still leased (each ends its lease), listener failures. */
    String finalState() {
        String state = page.state().name();
        int leaked = StressFixtures.leakedSegments(page.allocator(), memory);
        return state + " leaked=" + leaked + " listenerFailures=" + cache.listenerFailures().size();
    }
}
