package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepTest {

    @Test
    void lineFormRoundTripsThroughParse() {
        Step step = Step.of("setSlot", 2, -17, 300);
        assertEquals("setSlot 2 -17 300", step.toLine());
        assertEquals(step, Step.parse(step.toLine()));
        assertEquals(step, Step.parse("  setSlot   2 -17\t300 "));
        assertEquals(Step.of("quiesce"), Step.parse("quiesce"));
    }

    @Test
    void nonNumericArgumentIsRejectedNamingTheLineAndTheWord() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Step.parse("setSlot 2 x"));
        assertTrue(error.getMessage().contains("argument=x"), error.getMessage());
        assertTrue(error.getMessage().contains("setSlot 2 x"), error.getMessage());
    }

    @Test
    void actionThatIsNotAWordIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Step.parse("1set 2"));
        assertThrows(IllegalArgumentException.class, () -> Step.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> new Step("a-b", List.of()));
    }

    @Test
    void withArgReplacesOneArgumentAndLeavesTheOriginalUnchanged() {
        Step step = Step.of("add", 5, 6);
        assertEquals(Step.of("add", 5, 0), step.withArg(1, 0));
        assertEquals(Step.of("add", 5, 6), step);
        assertThrows(IndexOutOfBoundsException.class, () -> step.arg(2));
    }
}
