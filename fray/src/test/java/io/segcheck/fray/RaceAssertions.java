package io.segcheck.fray;

import io.segcheck.kit.SystemProperties;
import io.segcheck.kit.fray.FrayExplorer;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.TestInfo;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two verdicts of this module: a fixed race explored clean, and a red twin seen failing with
 * the exact symptom of its defect. Both print Fray's summary line; a failure also prints the
 * recording and the line that replays it.
 */
final class RaceAssertions {

    static final String ITERATIONS_PROPERTY = "fray.iterations";
    static final String TWIN_ITERATIONS_PROPERTY = "fray.twinIterations";

    private RaceAssertions() {
    }

    /** The fixed system: every explored schedule keeps every invariant. */
    static Exploration assertExploredClean(TestInfo test, Function<Defects, Race> world) {
        return assertExploredClean(test, Strategy.POS, world);
    }

    /** As {@link #assertExploredClean(TestInfo, Function)} with another scheduler. */
    static Exploration assertExploredClean(TestInfo test, Strategy strategy, Function<Defects, Race> world) {
        return assertExploredClean(test, strategy, world, 1);
    }

    /** As above, over {@code budgetFactor} times the usual number of schedules. */
    static Exploration assertExploredClean(TestInfo test, Strategy strategy, Function<Defects, Race> world,
                                           int budgetFactor) {
        warmUp(world, Defects.none());
        Exploration exploration = FrayExplorer.explore(scenario(test),
                budgetFactor * SystemProperties.intProperty(ITERATIONS_PROPERTY, 100),
                strategy, Race.onTwoThreads(world, Defects.none()));
        if (exploration.foundFailure()) {
            fail(exploration.summary() + "\nrecording: " + exploration.recording() + "\nreplay: "
                    + replayLine(test, exploration),
                    exploration.failure());
        }
        return exploration;
    }

    /**
     * The red twin: with {@code defect} on, Fray must find a schedule that breaks the invariant
     * named {@code expected} within the twin budget; any other failure, or none, fails the test.
     */
    static Exploration assertTwinFails(TestInfo test, Function<Defects, Race> world, Defect defect,
                                       ViolationKind expected) {
        return assertTwinFails(test, Strategy.POS, world, defect, expected);
    }

    /** As {@link #assertTwinFails(TestInfo, Function, Defect, ViolationKind)} with another scheduler. */
    static Exploration assertTwinFails(TestInfo test, Strategy strategy, Function<Defects, Race> world, Defect defect,
                                       ViolationKind expected) {
        return assertTwinFails(test, strategy, world, defect, expected, 1);
    }

    /** As above, over {@code budgetFactor} times the usual number of schedules. */
    static Exploration assertTwinFails(TestInfo test, Strategy strategy, Function<Defects, Race> world, Defect defect,
                                       ViolationKind expected, int budgetFactor) {
        warmUp(world, Defects.of(defect));
        Exploration exploration = FrayExplorer.explore(scenario(test),
                budgetFactor * SystemProperties.intProperty(TWIN_ITERATIONS_PROPERTY, 100), strategy,
                Race.onTwoThreads(world, Defects.of(defect)));
        assertTrue(exploration.foundFailure(), () -> "red twin NOT seen failing: defect=" + defect + " "
                + exploration.summary());
        RaceViolation violation = violationIn(exploration.failure());
        if (violation == null || violation.kind() != expected) {
            fail("defect=" + defect + " failed, but not with expected=" + expected + ": " + exploration.summary(),
                    exploration.failure());
        }
        DetectionRecord.write(test, defect, expected.name(), exploration);
        System.out.println("RED-TWIN defect=" + defect + " symptom=" + expected + " firstFailureIteration="
                + exploration.iterationsRun() + " recording=" + exploration.recording() + "\n  replay: "
                + replayLine(test, exploration)
                + "\n  " + violation.getMessage());
        return exploration;
    }

    /** Without an interleaving inside a call the twin's defect stays hidden: both orders on one thread are clean. */
    static void assertBothOrdersOnOneThreadStayClean(Function<Defects, Race> world, Defect defect) {
        List<RaceViolation> violations = Race.inBothOrdersOnOneThread(world, Defects.of(defect));
        assertEquals(List.of(), violations, defect + " showed without an interleaving inside a call");
    }

    /**
     * Runs the iteration once on plain threads before Fray starts, so no class is initialised under
     * Fray: a JFR event class initialised in a Fray-scheduled thread deadlocked in its registration,
     * and a class initialised in the first explored iteration but not in a replay adds scheduling
     * points to one and not the other, so a recorded schedule would not replay.
     */
    private static void warmUp(Function<Defects, Race> world, Defects defects) {
        try {
            Race.onTwoThreads(world, defects).run();
        } catch (RaceViolation violation) {
            if (defects.isEmpty()) {
                throw new AssertionError("the fixed world failed on plain threads before Fray started: "
                        + violation.getMessage(), violation);
            }
            // A twin's world may fail already here; for a twin the warm-up only initialises classes.
        }
    }

    /** The one line that runs the failing schedule of {@code test} again. */
    static String replayLine(TestInfo test, Exploration exploration) {
        return "./segcheck mvn -o -pl fray -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='"
                + test.getTestClass().orElseThrow().getSimpleName() + "#" + test.getTestMethod().orElseThrow().getName()
                + "' " + exploration.replayProperties();
    }

    private static String scenario(TestInfo test) {
        return test.getTestClass().orElseThrow().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
    }

    private static RaceViolation violationIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RaceViolation violation) {
                return violation;
            }
        }
        return null;
    }
}
