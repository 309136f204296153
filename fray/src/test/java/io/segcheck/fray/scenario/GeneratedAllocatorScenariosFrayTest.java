package io.segcheck.fray.scenario;

import io.segcheck.model.ViolationKind;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.AllocatorScenariosFrayBase;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios.Found;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's JUnit base for generated allocator scenarios ({@link AllocatorScenariosFrayBase}), extended
 * with each example's planted factory: under its default budget the base's search finds the planted
 * bug from seed 0 through programs nobody shaped for it, its failure message names the program's
 * table and the replay, and the replay's properties find the same failure at the same schedule.
 * The same base passes on the fixed factories and segcheck's own: {@code ArenaPerLeaseFrayTest},
 * {@code FreeListPoolFrayTest} and {@code SegcheckAllocatorFrayTest} inherit its test through
 * {@code AllocatorFrayBase}.
 */
class GeneratedAllocatorScenariosFrayTest {

    /** The base on the free-list pool that accepts an old instance's release; private, so JUnit never runs it. */
    private static final class FreeListPoolPlanted extends AllocatorScenariosFrayBase {
        @Override
        protected AllocatorFactory factory() {
            return new FreeListPoolFactory.PlantedBug();
        }
    }

    /** The base on the arena allocator that keeps a released lease's bytes on its budget. */
    private static final class ArenaPlanted extends AllocatorScenariosFrayBase {
        @Override
        protected AllocatorFactory factory() {
            return new ArenaPerLeaseFactory.PlantedBug();
        }
    }

    @Test
    void freeListPoolsPlantedStaleReleaseIsFoundByTheBase() {
        Found found = assertBaseFindsAndReplays(new FreeListPoolPlanted(), new FreeListPoolFactory.PlantedBug(),
                "FreeListPoolPlanted");
        // An old instance's release accepted: the pool's refusals are silent, so the model sees it as
        // the damage it does: the next grant of memory another owner still holds (ALIAS), or fewer
        // leases counted than held.
        assertTrue(EnumSet.of(ViolationKind.ALIAS, ViolationKind.USE_AFTER_RELEASE, ViolationKind.STATS)
                .contains(OwnershipViolation.in(found.exploration().failure()).kind()), found.exploration().summary());
    }

    @Test
    void arenaAllocatorsPlantedBudgetLeakIsFoundByTheBase() {
        Found found = assertBaseFindsAndReplays(new ArenaPlanted(), new ArenaPerLeaseFactory.PlantedBug(), "ArenaPlanted");
        assertEquals(ViolationKind.STATS, OwnershipViolation.in(found.exploration().failure()).kind(),
                "released bytes kept on the budget: stats().leasedBytes above the model's leases");
    }

    @Test
    void aProgramsTableHasAColumnPerThreadAndARowPerCall() {
        GeneratedAllocatorScenarios.Program program = GeneratedAllocatorScenarios.generate(9);
        List<String> lines = program.table().lines().toList();
        int calls = program.threads().stream().mapToInt(List::size).max().orElseThrow();
        assertEquals(2 + calls, lines.size(), program.table());
        assertTrue(lines.get(1).matches("\\| t0 +\\| t1 +(\\| t2 +)?\\|"), lines.get(1));
        for (int thread = 0; thread < program.threads().size(); thread++) {
            for (int call = 0; call < program.threads().get(thread).size(); call++) {
                String cell = lines.get(2 + call).split("\\|")[1 + thread].trim();
                assertEquals(program.threads().get(thread).get(call).text(), cell, program.table());
            }
        }
    }

    /**
     * The base's search must find a failing program within its default budget, its message must
     * carry the program's table and the replay properties, and exploring that one program again
     * with the replay's budget must fail at the same schedule.
     */
    private static Found assertBaseFindsAndReplays(AllocatorScenariosFrayBase base, AllocatorFactory planted, String name) {
        Found found = base.searchGeneratedScenarios("kit-base-" + name).orElseThrow(() -> new AssertionError(
                planted.name() + "'s planted bug NOT found by the base's default budget of generated programs"));
        String message = AllocatorScenariosFrayBase.failureMessage(name, found);
        System.out.println("KIT-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + "\n" + message);
        assertTrue(message.contains(found.program().table()), message);
        String replay = AllocatorScenariosFrayBase.replayProperties(found);
        assertTrue(message.contains("run it again: " + replay + " on " + name + "#"
                + AllocatorScenariosFrayBase.TEST_METHOD), message);
        Found again = new GeneratedAllocatorScenarios(planted).search("kit-base-" + name + "-replay",
                found.program().seed(), 1, found.exploration().iterationsRun(), Strategy.POS).orElseThrow(
                        () -> new AssertionError("the replay (" + replay + ") ran clean"));
        assertEquals(found.exploration().iterationsRun(), again.exploration().iterationsRun(),
                "the replay failed at another schedule");
        return found;
    }
}
