package io.segcheck.stress.lincheck;

import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.PageState;
import io.segcheck.stress.RaceOutcomes;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Cache removal racing guards: {@code invalidate}, {@code invalidateAll}, {@code getAndGuard} (and
 * a read under the guard) and guard close on one cached page are linearizable against the model:
 * a page guarded through the cache is never returned while a guard is open (the read under it is
 * intact), and it is returned exactly once when the last guard closes.
 *
 * <p>The removal listener runs on the removing thread ({@code Runnable::run}), so each operation
 * includes its listener. Size eviction is not driven here: Caffeine picks its victims with a
 * random admission jitter, which a sequential specification cannot predict; it takes the same
 * removal listener path as invalidation, and the sim module feeds observed evictions to the model.
 *
 * <p>Broken sibling: EVICTION_SKIPS_RETURN (the listener clears the page and keeps its segment:
 * the page is still LIVE where the model has it RETURNED).
 */
class CacheLincheckTest {

    private static final long KEY = 1L;

    /** The object Lincheck drives: a cache mapping KEY to a page that holds one record. */
    public abstract static class CacheUnderTest {

        private final OffHeapAllocator allocator = TestWorlds.guardedAllocator();
        private final PageCache<Long> cache;
        private final KeyValueLeafPage page;
        private final Deque<PageGuard> openGuards = new ConcurrentLinkedDeque<>();

        CacheUnderTest(Defects defects) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, defects);
            this.cache = new PageCache<>(pool, 1 << 20, Runnable::run, Ticker.systemTicker(), defects);
            this.page = pool.borrowPage(3, 1, 4096, false);
            page.setSlot(0, RaceOutcomes.pattern());
            cache.put(KEY, page);
        }

        @Operation
        public String invalidate() {
            return RaceOutcomes.outcomeOf(() -> cache.invalidate(KEY));
        }

        @Operation
        public String invalidateAll() {
            return RaceOutcomes.outcomeOf(cache::invalidateAll);
        }

        /** Guards the cached page and reads its record under the guard; the guard stays open. */
        @Operation
        public String guardAndRead() {
            try {
                Optional<PageGuard> guard = cache.getAndGuard(KEY);
                if (guard.isEmpty()) {
                    return "absent";
                }
                openGuards.push(guard.get());
                return "guarded " + RaceOutcomes.describeRecord(guard.get().page().getSlot(0));
            } catch (RuntimeException failure) {
                return RaceOutcomes.describe(failure);
            }
        }

        /** Closes the most recently opened guard still open. */
        @Operation
        public String closeGuard() {
            PageGuard guard = openGuards.poll();
            return guard == null ? "none" : RaceOutcomes.outcomeOf(guard::close);
        }

        @Operation
        public String pageState() {
            return page.state().name();
        }

        /** After every invocation: a returned page holds no lease, a live or orphaned one its segment. */
        @Validate
        public void returnedPageHoldsNoLease() {
            long leased = allocator.stats().leasedSegments();
            long owned = page.isReturned() ? 0 : 1;
            allocator.close();
            if (leased != owned) {
                throw new IllegalStateException("leasedSegments=" + leased + " ownedByPage=" + owned + " " + page);
            }
        }
    }

    /** The sequential specification: the cache, page and guards in the model. */
    public static final class Spec {

        private final SpecWorld world = new SpecWorld(1);
        private final int pageId;
        private final Deque<Integer> openGuards = new ArrayDeque<>();

        public Spec() {
            this.pageId = world.model().borrowPage(3, 1, 4096, false, world.grants()).get().id();
            world.model().setSlot(pageId, 0, RaceOutcomes.pattern(), world.grants()).get();
            world.model().cachePut(0, KEY, pageId).get();
        }

        public String invalidate() {
            return world.say(world.model().invalidate(0, KEY));
        }

        public String invalidateAll() {
            return world.say(world.model().invalidateAll(0));
        }

        public String guardAndRead() {
            var guard = world.model().getAndGuard(0, KEY).get();
            if (guard.isEmpty()) {
                return "absent";
            }
            openGuards.push(guard.get().id());
            return "guarded " + world.sayRecord(world.model().getSlot(pageId, 0));
        }

        public String closeGuard() {
            Integer guardId = openGuards.poll();
            return guardId == null ? "none" : world.say(world.model().closeGuard(guardId));
        }

        /** The impl's three states: the model's CACHED and GUARDED are LIVE pages. */
        public String pageState() {
            PageState state = world.model().stateOf(pageId);
            return switch (state) {
                case LIVE, CACHED, GUARDED -> "LIVE";
                default -> state.name();
            };
        }
    }

    public static final class Fixed extends CacheUnderTest {
        public Fixed() {
            super(Defects.none());
        }
    }

    public static final class EvictionSkipsReturn extends CacheUnderTest {
        public EvictionSkipsReturn() {
            super(Defects.of(Defect.EVICTION_SKIPS_RETURN));
        }
    }

    @Test
    void removalRacingGuardsIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).sequentialSpecification(Spec.class).check(Fixed.class);
    }

    @Test
    void removalRacingGuardsIsLinearizableUnderStress() {
        LincheckSettings.stress(2).sequentialSpecification(Spec.class).check(Fixed.class);
    }

    @Test
    void modelCheckingFindsTheRemovedPageThatWasNeverReturned() {
        BrokenSiblings.assertModelCheckingFails("EVICTION_SKIPS_RETURN",
                LincheckSettings.raceOnlyModelCheckingOfPages().sequentialSpecification(Spec.class),
                EvictionSkipsReturn.class, "pageState", "LIVE");
    }
}
