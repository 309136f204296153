package io.segcheck.impl.defect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Which marks are the allocator's own paths (the first seven), and that each says what it marks. */
class MarkKindsTest {

    @Test
    void theFirstSevenMarksAreTheAllocatorsAndEachHasADescription() {
        for (Mark mark : Mark.values()) {
            assertEquals(mark.ordinal() < 7, mark.inAllocator(), mark::name);
            assertFalse(mark.description().isBlank(), mark::name);
        }
        assertEquals(Mark.QUARANTINE_POISON_VERIFIED, Mark.values()[6], "the last of the allocator's marks");
    }
}
