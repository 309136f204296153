package io.segcheck.impl.defect;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Defects} as a value: parsing, equality and hash by the set of defects alone. */
class DefectsValueTest {

    @Test
    void blankOrNullParsesToNone() {
        assertSame(Defects.none(), Defects.parse(""));
        assertSame(Defects.none(), Defects.parse("  "));
        assertSame(Defects.none(), Defects.parse(null));
        assertTrue(Defects.parse(" , ").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Defects.parse("NO_SUCH_DEFECT"));
    }

    @Test
    void equalityAndHashAreTheSetsAlone() {
        Defects both = Defects.parse("EVICTION_SKIPS_RETURN, PREALLOCATED_POOL_LEAK");
        assertEquals(Defects.of(Defect.PREALLOCATED_POOL_LEAK, Defect.EVICTION_SKIPS_RETURN), both);
        assertEquals(both, both.withMarks(Marks.recording()), "the recorder only observes");
        assertNotEquals(Defects.of(Defect.PREALLOCATED_POOL_LEAK), both);
        assertNotEquals(Defects.none(), both);
        assertEquals(EnumSet.of(Defect.PREALLOCATED_POOL_LEAK, Defect.EVICTION_SKIPS_RETURN).hashCode(), both.hashCode());
        assertEquals("PREALLOCATED_POOL_LEAK,EVICTION_SKIPS_RETURN", both.toString());
        assertEquals(both, Defects.parse(both.toString()));
    }
}
