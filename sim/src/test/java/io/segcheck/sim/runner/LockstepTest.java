package io.segcheck.sim.runner;

import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockstepTest {

    private static final List<Step> COUNTER_FAILS_AT_STEP_4 = List.of(Step.of("open"), Step.of("add", 10),
            Step.of("add", 11), Step.of("add", 12), Step.of("sub", 3), Step.of("add", 1), Step.of("noise", 0));

    private final Lockstep lockstep = new Lockstep(ToyWorld.plain());

    @Test
    void runStopsAtTheFirstViolationAndDoesNotQuiesce() {
        RunConfig config = ToyRuns.config(0, COUNTER_FAILS_AT_STEP_4.size(), ToyRuns.COUNTER_BUG);
        RunOutcome outcome = lockstep.execute(config, COUNTER_FAILS_AT_STEP_4, true);
        assertEquals(ViolationKind.LOST_DATA, outcome.violation().orElseThrow().kind());
        assertEquals(4, outcome.violation().get().stepIndex());
        assertEquals(COUNTER_FAILS_AT_STEP_4.subList(0, 5), outcome.steps());
        assertEquals(5, outcome.trace().size(), "one trace line per applied step, none for quiesce: " + outcome.trace());
    }

    @Test
    void cleanRunAppliesEveryStepThenQuiesces() {
        RunConfig config = ToyRuns.config(0, COUNTER_FAILS_AT_STEP_4.size(), Switches.none());
        RunOutcome outcome = lockstep.execute(config, COUNTER_FAILS_AT_STEP_4, true);
        assertTrue(outcome.clean(), outcome.sentence());
        assertEquals(COUNTER_FAILS_AT_STEP_4.size() + 1, outcome.trace().size());
        assertTrue(outcome.trace().getLast().startsWith("quiesce"), outcome.trace().getLast());
    }

    @Test
    void leakIsFoundByQuiesceAfterTheLastStep() {
        List<Step> steps = List.of(Step.of("open"), Step.of("open"), Step.of("close", 5), Step.of("noise", 1));
        RunOutcome outcome = lockstep.execute(ToyRuns.config(0, steps.size(), ToyRuns.LEAK_BUG), steps, false);
        assertEquals(ViolationKind.LEAK, outcome.violation().orElseThrow().kind());
        assertEquals(steps.size(), outcome.violation().get().stepIndex());
        assertEquals(steps, outcome.steps());
    }

    @Test
    void exceptionInsideTheSubjectIsAnInternalFailureNotAViolation() {
        List<Step> steps = List.of(Step.of("add", 1), Step.of("explode", 13), Step.of("add", 2));
        RunOutcome outcome = new Lockstep(ToyWorld.withExplosions()).execute(ToyRuns.config(0, 3, Switches.none()), steps, false);
        assertTrue(outcome.violation().isEmpty());
        InternalFailure failure = outcome.internalFailure().orElseThrow();
        assertEquals(1, failure.stepIndex());
        assertEquals("apply", failure.phase());
        assertEquals("internal:java.lang.IllegalStateException", outcome.signature().orElseThrow());
        assertEquals(steps.subList(0, 2), outcome.steps());
    }

    @Test
    void exceptionWhileBuildingTheWorldIsAnInternalFailure() {
        SubjectFactory broken = new SubjectFactory() {
            @Override
            public Subject create(RunConfig config) {
                throw new IllegalArgumentException("budgetBytes=" + config.budgetBytes() + " refused");
            }

            @Override
            public ActionCatalog catalog() {
                return ToyWorld.plain().catalog();
            }
        };
        RunOutcome outcome = new Lockstep(broken).execute(ToyRuns.config(0, 1, Switches.none()), List.of(Step.of("open")), false);
        assertEquals("create", outcome.internalFailure().orElseThrow().phase());
        assertFalse(outcome.clean());
    }
}
