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
 * cache's eviction-vs-guard race without Caffeine in between. Driven by {@link Page_04_RetireVsGuard}.
 */
final class RetireVsGuardRace {

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

    /** "unguarded" when the retire won; else what a read under the guard saw and the page state while guarded. */
    String guardAndRead() {
        Optional<PageGuard> guard = page.tryGuard();
        if (guard.isEmpty()) {
            return "unguarded";
        }
        try (PageGuard open = guard.get()) {
            String record;
            try {
                record = RaceOutcomes.classify(open.page().getSlot(0));
            } catch (RuntimeException failure) {
                record = RaceOutcomes.describe(failure);
            }
            return "guarded-" + record + "-" + open.page().state().name();
        }
    }

    /** After both: the page state and segments still leased (ends those leases). */
    String finalState() {
        return page.state().name() + " leaked=" + StressFixtures.leakedSegments(page.allocator(), memory);
    }
}
