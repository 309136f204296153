package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.SystemProperties;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JUnit front door of {@link GeneratedAllocatorScenarios}: generated concurrent allocator
 * programs nobody shaped for a bug, run on real threads under Fray's controlled scheduler, each
 * schedule on a new allocator from the factory, judged by the allocator model under the design the
 * factory declares. {@code races.allocatorPrograms} programs (default 20) from seed
 * {@code races.allocatorFirstSeed} (default 0), {@code races.allocatorSchedules} schedules each
 * (default 20), scheduler seed {@code fray.seed} (default 0): a few seconds.
 *
 * <p>{@link AllocatorFrayBase} extends it, so a test of the fixed races runs these too; extend this
 * class directly for the generated programs alone, in a test module whose JVM runs under Fray:
 * <pre>{@code
 * class MyAllocatorScenariosFrayTest extends AllocatorScenariosFrayBase {
 *     @Override protected AllocatorFactory factory() { return new MyAllocatorFactory(); }
 * }
 * }</pre>
 * A failure prints the program as a threads × calls table, Fray's summary line (scheduler, seed, the
 * failing schedule, the broken invariant), the recording folder, and the properties that run that
 * program and its schedules again. To prove the base catches a bug of yours, plant it behind a
 * second factory, extend this class with it and call {@link #searchGeneratedScenarios}: the program
 * it returns is the one this test would fail with.
 */
public abstract class AllocatorScenariosFrayBase {

    /** Generated programs searched; default 20. */
    public static final String PROGRAMS_PROPERTY = "races.allocatorPrograms";
    /** Schedules explored per program; default 20. */
    public static final String SCHEDULES_PROPERTY = "races.allocatorSchedules";
    /** The seed of the first program; default 0. */
    public static final String FIRST_SEED_PROPERTY = "races.allocatorFirstSeed";
    /** The test method's name, as a replay line names it. */
    public static final String TEST_METHOD = "generatedAllocatorScenariosStayClean";

    /** The allocators under check: a new one per schedule. */
    protected abstract AllocatorFactory factory();

    /** The scheduler; POS by default (see {@link Strategy}). */
    protected Strategy strategy() {
        return Strategy.POS;
    }

    /** The generated programs, explored clean. */
    @Test
    void generatedAllocatorScenariosStayClean(TestInfo test) {
        String name = test.getTestClass().orElseThrow().getSimpleName();
        searchGeneratedScenarios(name).ifPresent(found -> fail(failureMessage(name, found),
                found.exploration().failure()));
    }

    /**
     * The search this base's test runs, under the budget the properties set: the first program that
     * failed under some schedule, or empty. {@code name} names Fray's report folders.
     */
    public final Optional<Found> searchGeneratedScenarios(String name) {
        return new GeneratedAllocatorScenarios(factory()).search(name, SystemProperties.intProperty(FIRST_SEED_PROPERTY, 0),
                SystemProperties.intProperty(PROGRAMS_PROPERTY, 20), SystemProperties.intProperty(SCHEDULES_PROPERTY, 20),
                strategy());
    }

    /**
     * The failure this base reports for {@code found} in test class {@code testClass}: the program's
     * table, Fray's summary, the recording, and the properties that run that one program for exactly
     * the schedules up to the failing one.
     */
    public static String failureMessage(String testClass, Found found) {
        Exploration exploration = found.exploration();
        return "generated allocator program failed under Fray (program " + found.programsTried() + " searched):\n"
                + found.program().table() + exploration.summary()
                + (exploration.recording() == null ? "" : "\nrecording: " + exploration.recording())
                + "\nrun it again: " + replayProperties(found) + " on " + testClass + "#" + TEST_METHOD;
    }

    /** One program, the failing one, explored with the same scheduler seed up to its failing schedule. */
    public static String replayProperties(Found found) {
        Exploration exploration = found.exploration();
        return "-D" + FIRST_SEED_PROPERTY + "=" + found.program().seed() + " -D" + PROGRAMS_PROPERTY + "=1 -D"
                + SCHEDULES_PROPERTY + "=" + exploration.iterationsRun() + " -D" + FrayExplorer.SEED_PROPERTY + "="
                + exploration.seed();
    }
}
