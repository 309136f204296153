package io.segcheck.fray.scenario;

import io.segcheck.model.ViolationKind;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios.Found;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's generated allocator scenarios on outside allocators, through their factories and
 * declared designs: the examples' and segcheck's allocators stay clean over the default seeds, and
 * each example's planted bug is found from seed 0 by programs nobody shaped for it.
 */
class GeneratedAllocatorScenariosFrayTest {

    private static final int PROGRAMS = 20;
    private static final int SCHEDULES = 20;

    @Test
    void cleanAllocatorsStayCleanOverTheDefaultSeeds() {
        for (AllocatorFactory factory : new AllocatorFactory[] {new SegcheckAllocatorFactory(), new FreeListPoolFactory(),
                new ArenaPerLeaseFactory()}) {
            Optional<Found> found = new GeneratedAllocatorScenarios(factory).search("kit-" + factory.name(), 0, 10,
                    SCHEDULES, Strategy.POS);
            assertTrue(found.isEmpty(), () -> factory.name() + " failed " + found.get().program().text() + ": "
                    + found.get().exploration().summary());
        }
    }

    @Test
    void freeListPoolsPlantedStaleReleaseIsFound() {
        Found found = findPlanted(new FreeListPoolFactory.PlantedBug(), "kit-freelist-planted");
        // An old instance's release accepted: the pool's refusals are silent, so the model sees it as
        // the damage it does: the next grant of memory another owner still holds (ALIAS), or fewer
        // leases counted than held.
        assertTrue(EnumSet.of(ViolationKind.ALIAS, ViolationKind.USE_AFTER_RELEASE, ViolationKind.STATS)
                .contains(OwnershipViolation.in(found.exploration().failure()).kind()), found.exploration().summary());
    }

    @Test
    void arenaAllocatorsPlantedBudgetLeakIsFound() {
        Found found = findPlanted(new ArenaPerLeaseFactory.PlantedBug(), "kit-arena-planted");
        assertEquals(ViolationKind.STATS, OwnershipViolation.in(found.exploration().failure()).kind(),
                "released bytes kept on the budget: stats().leasedBytes above the model's leases");
    }

    private static Found findPlanted(AllocatorFactory planted, String name) {
        Found found = new GeneratedAllocatorScenarios(planted).search(name, 0, PROGRAMS, SCHEDULES, Strategy.POS)
                .orElseThrow(() -> new AssertionError(planted.name() + "'s planted bug NOT found by " + PROGRAMS
                        + " generated programs of " + SCHEDULES + " schedules"));
        System.out.println("KIT-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + " "
                + found.program().text() + "\n  " + found.exploration().summary());
        return found;
    }
}
