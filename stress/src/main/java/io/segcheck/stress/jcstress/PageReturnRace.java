package io.segcheck.stress.jcstress;

import io.segcheck.stress.RaceOutcomes;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;

import java.lang.foreign.MemorySegment;

/**
 * One page with a separate DeweyID segment (two segments to release), returned by two threads at
 * once. Driven by {@link Page_01_ConcurrentReturn} and {@link Page_01_BrokenConcurrentReturn}.
 */
final class PageReturnRace {

    private final KeyValueLeafPage page;
    private final MemorySegment slotMemory;
    private final MemorySegment deweyIdMemory;

    PageReturnRace(KeyValueLeafPagePool pool) {
        this.page = pool.borrowPage(1, 1, 4096, true);
        this.slotMemory = StressFixtures.leaseOf(page.slotMemory());
        this.deweyIdMemory = StressFixtures.leaseOf(page.deweyIdMemory());
    }

    /** One thread's {@code returnSegmentsToAllocator()}: "ok" or why it failed. */
    String returnSegments() {
        return RaceOutcomes.outcomeOf(page::returnSegmentsToAllocator);
    }

    /** After both returns: segments still leased (0 when each was released once); ends those leases. */
    int leakedSegments() {
        return StressFixtures.leakedSegments(page.allocator(), slotMemory, deweyIdMemory);
    }
}
