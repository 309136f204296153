package io.segcheck.stress.jcstress;

import io.segcheck.stress.RaceOutcomes;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;

import java.lang.foreign.MemorySegment;

/**
 * A page whose one 4 KiB segment is shared by records and DeweyIDs; one thread writes a record
 * that does not fit (forcing a resize to 8 KiB) while another retires the page. Driven by
 * {@link Page_02_ResizeVsReturn} and {@link Page_02_BrokenResizeVsReturn}.
 */
final class ResizeVsReturnRace {

    /** Larger than the 4 KiB segment, so the write must resize. */
    static final int RESIZING_RECORD_BYTES = 6000;

    private final KeyValueLeafPagePool pool;
    private final KeyValueLeafPage page;
    private final MemorySegment originalMemory;
    private final byte[] record = new byte[RESIZING_RECORD_BYTES];

    ResizeVsReturnRace(KeyValueLeafPagePool pool) {
        this.pool = pool;
        this.page = pool.borrowPage(2, 1, 4096, false);
        this.originalMemory = StressFixtures.leaseOf(page.slotMemory());
    }

    /** The writer: "ok" when the write (and its resize) finished before the return, else why not. */
    String writeResizingRecord() {
        return RaceOutcomes.outcomeOf(() -> page.setSlot(0, record));
    }

    /** The retiring thread: {@code pool.returnPage(page)}. */
    String retire() {
        return RaceOutcomes.outcomeOf(() -> pool.returnPage(page));
    }

    /**
     * After both: segments still leased among the original one and whatever the fields hold now
     * (the resized one when the write won); 0 when every segment was released exactly once.
     */
    int leakedSegments() {
        return StressFixtures.leakedSegments(page.allocator(), originalMemory,
                StressFixtures.leasesHeldBy(page)[0], StressFixtures.leasesHeldBy(page)[1]);
    }
}
