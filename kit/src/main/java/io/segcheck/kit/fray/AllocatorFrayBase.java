package io.segcheck.kit.fray;

import io.segcheck.model.ViolationKind;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.SystemProperties;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Fray test of any {@link io.segcheck.api.OffHeapAllocator}: the allocator races of
 * {@link AllocatorRace} on real threads, each explored under Fray's controlled scheduler for
 * {@code fray.iterations} schedules (default 100, seed {@code fray.seed}, default 0), each schedule
 * on a new allocator, with the ownership checks after both calls: no byte range leased to two
 * owners at once, no owner's mark overwritten, nothing a previous owner wrote visible when the
 * design declares zeroing, a refused release that changed nothing, the known counters equal to the
 * leases held and back to 0 at the end. The close race runs only for a design with a closed state.
 *
 * <p>Extend it with the factory, in a test module whose JVM runs under Fray (Fray's build plugin,
 * goal {@code prepare-fray}, sets the agent and the instrumented JDK; see segcheck's README):
 * <pre>{@code
 * class MyAllocatorFrayTest extends AllocatorFrayBase {
 *     @Override protected AllocatorFactory factory() { return new MyAllocatorFactory(); }
 * }
 * }</pre>
 * A failure prints Fray's summary line (scheduler, seed, the failing schedule) and the system
 * properties that run the same schedules again. To prove the base catches a bug of yours, plant it
 * behind a second factory and call {@link #assertRaceFails}.
 *
 * <p>It extends {@link AllocatorScenariosFrayBase}: the same test class also runs generated
 * concurrent programs on the factory's allocators (a few seconds by default), which find races
 * nobody listed in {@link AllocatorRace}.
 */
public abstract class AllocatorFrayBase extends AllocatorScenariosFrayBase {

    /** Schedules per race; default 100. */
    public static final String ITERATIONS_PROPERTY = "fray.iterations";

    /** Schedules explored per race. */
    protected int iterations() {
        return SystemProperties.intProperty(ITERATIONS_PROPERTY, 100);
    }

    /** Each race of {@link AllocatorRace}, explored clean; the close race only for a design with a closed state. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(AllocatorRace.class)
    void raceExploredCleanKeepsEveryOwnershipInvariant(AllocatorRace race, TestInfo test) {
        assertExploredClean(test, race);
    }

    /** Explores {@code race} and fails with Fray's summary, the violation and the replay properties if a schedule broke it. */
    protected final Exploration assertExploredClean(TestInfo test, AllocatorRace race) {
        AllocatorFrayRaces races = new AllocatorFrayRaces(factory());
        races.notApplicable(race).ifPresent(reason -> Assumptions.abort(race + " does not apply: " + reason));
        Exploration exploration = races.explore(test.getTestClass().orElseThrow().getSimpleName() + "." + race,
                race, iterations(), strategy());
        if (exploration.foundFailure()) {
            fail(exploration.summary() + "\nrecording: " + exploration.recording() + "\nrun these schedules again with: "
                    + exploration.replayProperties(), exploration.failure());
        }
        return exploration;
    }

    /**
     * The red twin of a planted bug: Fray must find, within {@code iterations} schedules, a schedule
     * of {@code race} where allocators of {@code planted} break the invariant {@code expected}; none,
     * or another failure, fails the caller's test.
     */
    public static Exploration assertRaceFails(String scenario, AllocatorFactory planted, AllocatorRace race,
                                              ViolationKind expected, int iterations, Strategy strategy) {
        Exploration exploration = new AllocatorFrayRaces(planted).explore(scenario, race, iterations, strategy);
        assertTrue(exploration.foundFailure(), () -> "planted bug NOT found: " + planted.name() + " " + race + " "
                + exploration.summary());
        OwnershipViolation violation = OwnershipViolation.in(exploration.failure());
        if (violation == null || violation.kind() != expected) {
            fail(planted.name() + " " + race + " failed, but not with expected=" + expected + ": "
                    + exploration.summary(), exploration.failure());
        }
        return exploration;
    }
}
