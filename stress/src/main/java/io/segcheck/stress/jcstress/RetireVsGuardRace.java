package io.segcheck.stress.jcstress;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.stress.RaceOutcomes;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * An unguarded live page holding one record; one thread retires it ({@code pool.returnPage})
 * while another guards it and reads under the guard. Retiring must either see the guard (and
 * orphan the page until the guard closes) or return the page before the guard is tried (which
 * then fails); a guard that succeeds must never find the page RETURNED. This is the core of the
 * cache's eviction-vs-guard race without Caffeine in between. Driven by {@link Page_04_RetireVsGuard}
 * and {@link Page_04_BrokenRetireVsGuard}.
 *
 * <p>The reader opens, uses and closes a guard up to {@value #GUARD_ATTEMPTS} times in a row (a
 * reader polling a cached page), so its guard opens land at many points of the retire: a retire
 * that releases outside the page lock (RETIRE_RELEASES_OUTSIDE_LOCK) leaves a window between its
 * guard check and its release that one guard open in a row rarely hits (measured: 339 of 913,000
 * samples in {@code -m quick}).
 */
final class RetireVsGuardRace {

    static final int GUARD_ATTEMPTS = 16;

    private final KeyValueLeafPagePool pool;
    private final KeyValueLeafPage page;
    private final MemorySegment memory;

    RetireVsGuardRace(KeyValueLeafPagePool pool) {
        this.pool = pool;
        this.page = pool.borrowPage(6, 1, 4096, false);
        page.setSlot(0, RaceOutcomes.pattern());
        this.memory = StressFixtures.leaseOf(page.slotMemory());
    }

    /** The retiring thread. */
    String retire() {
        return RaceOutcomes.outcomeOf(() -> pool.returnPage(page));
    }

    /**
     * "unguarded" when the retire won before the first guard; else the first guarded observation
     * that went wrong, or the last one (what a read under the guard saw and the page state while
     * guarded). Stops at the first refused guard: the page is retired.
     */
    String guardAndRead() {
        String seen = "unguarded";
        for (int attempt = 0; attempt < GUARD_ATTEMPTS; attempt++) {
            Optional<PageGuard> guard = page.tryGuard();
            if (guard.isEmpty()) {
                return seen;
            }
            try (PageGuard open = guard.get()) {
                String record;
                try {
                    record = RaceOutcomes.classify(open.page().getSlot(0));
                } catch (RuntimeException failure) {
                    record = RaceOutcomes.describe(failure);
                }
                seen = "guarded-" + record + "-" + open.page().state().name();
            }
            if (!seen.startsWith("guarded-" + RaceOutcomes.INTACT + "-") || seen.endsWith("-RETURNED")) {
                return seen;
            }
        }
        return seen;
    }

    /** After both: the page state and segments still leased (ends those leases). */
    String finalState() {
        return page.state().name() + " leaked=" + StressFixtures.leakedSegments(page.allocator(), memory);
    }
}
