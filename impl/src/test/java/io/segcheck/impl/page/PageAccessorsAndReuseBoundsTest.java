package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page refuses to be reset onto a segment larger than its largest, and its state accessors say
 * what they claim. (Each was a surviving PIT mutant: the runner never hands resetForReuse an
 * oversized segment, and it reads state through {@code state()} only.)
 */
class PageAccessorsAndReuseBoundsTest {

    private final OffHeapAllocator allocator = TestAllocators.guarded();
    private final KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void resetForReuseRefusesASlotOrDeweyIdSegmentLargerThanTheLargestClass() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.returnSegmentsToAllocator();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment oversized = arena.allocate(KeyValueLeafPageLayout.MAX_SEGMENT_BYTES * 2);
            MemorySegment fitting = arena.allocate(4096);
            IllegalArgumentException slot = assertThrows(IllegalArgumentException.class,
                    () -> page.resetForReuse(2, 1, oversized, fitting));
            assertTrue(slot.getMessage().startsWith("slotMemory too large"), slot.getMessage());
            IllegalArgumentException deweyId = assertThrows(IllegalArgumentException.class,
                    () -> page.resetForReuse(2, 1, fitting, oversized));
            assertTrue(deweyId.getMessage().startsWith("deweyIdMemory too large"), deweyId.getMessage());
            assertEquals(PageStatus.RETURNED, page.state(), "a refused reset changes nothing");
        }
    }

    @Test
    void accessorsTellReturnedAndDeweyIdStorage() {
        KeyValueLeafPage shared = pool.borrowPage(1, 0, 4096, false);
        KeyValueLeafPage separate = pool.borrowPage(2, 0, 4096, true);
        assertFalse(shared.isReturned());
        assertFalse(shared.isDeweyIdsStored());
        assertTrue(separate.isDeweyIdsStored());
        shared.returnSegmentsToAllocator();
        assertTrue(shared.isReturned());
        separate.returnSegmentsToAllocator();
    }
}
