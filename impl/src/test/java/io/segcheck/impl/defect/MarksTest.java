package io.segcheck.impl.defect;

import io.segcheck.api.SegmentOwnershipException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarksTest {

    @Test
    void aRecorderCountsEachMarkApartAndIgnoresNull() {
        Marks marks = Marks.recording();
        marks.hit(Mark.PAGE_FULL);
        marks.hit(Mark.PAGE_FULL);
        marks.hit(Mark.PAGE_REUSED);
        marks.hit(null);
        assertEquals(2, marks.count(Mark.PAGE_FULL));
        assertEquals(1, marks.count(Mark.PAGE_REUSED));
        assertEquals(0, marks.count(Mark.ALLOCATOR_EXHAUSTED));
        assertEquals(Mark.values().length, marks.snapshot().size());
        assertTrue(marks.isRecording());
    }

    @Test
    void noneRecordsNothingSoItSharesNoState() {
        Marks.none().hit(Mark.PAGE_FULL);
        assertEquals(0, Marks.none().count(Mark.PAGE_FULL));
        assertFalse(Marks.none().isRecording());
    }

    @Test
    void defectsCarryTheirRecorderButCompareByDefectsAlone() {
        Marks marks = Marks.recording();
        Defects plain = Defects.of(Defect.RETURN_NOT_IDEMPOTENT);
        Defects recorded = plain.withMarks(marks);
        recorded.mark(Mark.PAGE_REUSED);
        plain.mark(Mark.PAGE_REUSED);
        assertEquals(1, marks.count(Mark.PAGE_REUSED));
        assertSame(marks, recorded.marks());
        assertEquals(plain, recorded);
        assertEquals(plain.hashCode(), recorded.hashCode());
        assertTrue(recorded.isEnabled(Defect.RETURN_NOT_IDEMPOTENT));
        assertTrue(Defects.none().withMarks(marks).isEmpty());
    }

    @Test
    void rejectionsAndRemovalCausesMapToTheirMarks() {
        assertEquals(Mark.RELEASE_REJECTED_STALE, Mark.releaseRejected(SegmentOwnershipException.Kind.STALE));
        assertEquals(Mark.RELEASE_REJECTED_DOUBLE, Mark.releaseRejected(SegmentOwnershipException.Kind.DOUBLE_RELEASE));
        assertEquals(Mark.RELEASE_REJECTED_FOREIGN, Mark.releaseRejected(SegmentOwnershipException.Kind.FOREIGN));
        assertEquals(Mark.CACHE_REMOVED_SIZE, Mark.cacheRemoved("SIZE"));
        assertEquals(Mark.CACHE_REMOVED_EXPIRED, Mark.cacheRemoved("EXPIRED"));
        assertEquals(Mark.CACHE_REMOVED_EXPLICIT, Mark.cacheRemoved("EXPLICIT"));
        assertEquals(Mark.CACHE_REMOVED_REPLACED, Mark.cacheRemoved("REPLACED"));
        assertNull(Mark.cacheRemoved("COLLECTED"));
    }
}
