package io.segcheck.stress.jcstress;

import io.segcheck.stress.RaceOutcomes;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;

/**
 * Page A returns its segment; page B is borrowed next and (the allocator's free list is LIFO)
 * leases the same slice. One thread then calls {@code A.clear()} while another stores B's record
 * and reads it back within the same call. A's clear must never touch the memory B now owns: not
 * inside B's call (between its write and its read-back) and not after it. Driven by
 * {@link Page_03_ClearVsReuse} and {@link Page_03_BrokenClearVsReuse}.
 *
 * <p>Whether B really got A's slice is part of the outcome ("reused" or "fresh"): only "reused"
 * samples exercise the race; "fresh" ones are acceptable and prove nothing.
 */
final class ClearVsReuseRace {

    private final KeyValueLeafPagePool pool;
    private final KeyValueLeafPage returnedPage;
    private final KeyValueLeafPage reusingPage;
    private final boolean sliceReused;

    ClearVsReuseRace(KeyValueLeafPagePool pool) {
        this.pool = pool;
        this.returnedPage = pool.borrowPage(3, 1, 4096, false);
        returnedPage.returnSegmentsToAllocator();
        this.reusingPage = pool.borrowPage(4, 1, 4096, false);
        this.sliceReused = reusingPage.slotMemory().address() == returnedPage.slotMemory().address();
    }

    /** The first owner clears its (returned) page. */
    String clearReturnedPage() {
        return RaceOutcomes.outcomeOf(returnedPage::clear);
    }

    /** The new owner stores its record and reads it back in the same call. */
    String writeAndReadBack() {
        try {
            reusingPage.setSlot(0, RaceOutcomes.pattern());
            return RaceOutcomes.classify(reusingPage.getSlot(0));
        } catch (RuntimeException failure) {
            return RaceOutcomes.describe(failure);
        }
    }

    /** After both: the new owner's record ("intact" or how it was damaged) and whether the slice was reused; returns B. */
    String finalRecordAndRetire() {
        String record;
        try {
            record = RaceOutcomes.classify(reusingPage.getSlot(0));
        } catch (RuntimeException failure) {
            record = RaceOutcomes.describe(failure);
        }
        pool.returnPage(reusingPage);
        return record + (sliceReused ? "/reused" : "/fresh");
    }
}
