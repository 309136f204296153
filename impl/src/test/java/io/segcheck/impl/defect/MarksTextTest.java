package io.segcheck.impl.defect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a recorder reads in a failure message: none says so, a recording one shows its counts. */
class MarksTextTest {

    @Test
    void noneAndRecordingRecordersPrintThemselves() {
        assertEquals("Marks(none)", Marks.none().toString());
        Marks marks = Marks.recording();
        marks.hit(Mark.PAGE_FULL);
        String text = marks.toString();
        assertTrue(text.startsWith("Marks{") && text.contains("PAGE_FULL=1"), text);
    }
}
