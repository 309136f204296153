package io.segcheck.fray;

import io.segcheck.model.ViolationKind;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.AllocatorFrayBase;
import io.segcheck.kit.fray.AllocatorFrayRaces;
import io.segcheck.kit.fray.AllocatorRace;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.SystemProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each example allocator's planted bug, found by the kit's Fray base through the planted factory:
 * the build fails when Fray does NOT find it within the twin budget ({@code fray.twinIterations}).
 */
class PlantedBugsFrayTest {

    /**
     * The free-list pool recognising a lease by address alone: the second release of an old
     * instance frees the bytes another thread was just handed. Needs the other thread's allocate
     * between the two releases; in either order of whole calls both releases precede or follow it
     * and nothing is wrong. The pool's refusals are silent no-ops, so the accepted release looks
     * like one; the model sees the damage at the next grant: memory handed out while the other
     * thread still holds it (ALIAS).
     */
    @Test
    void freeListPoolAcceptingAStaleReleaseIsFound(TestInfo test) {
        Exploration found = AllocatorFrayBase.assertRaceFails(scenario(test), new FreeListPoolFactory.PlantedBug(),
                AllocatorRace.STALE_RELEASE_VS_REUSE, ViolationKind.ALIAS, twinIterations(),
                Strategy.POS);
        System.out.println("PLANTED-FOUND allocator=freelist race=STALE_RELEASE_VS_REUSE firstFailureIteration="
                + found.iterationsRun() + " " + found.failure().getMessage());
    }

    @Test
    void freeListPoolsStaleReleaseStaysHiddenInEveryOrderOfWholeCalls() {
        List<OwnershipViolation> violations = new AllocatorFrayRaces(new FreeListPoolFactory.PlantedBug())
                .inBothOrdersOnOneThread(AllocatorRace.STALE_RELEASE_VS_REUSE);
        assertEquals(List.of(), violations, "the planted stale release showed without an interleaving");
    }

    /**
     * The arena allocator keeping a released largest-class lease's bytes on its budget: after any
     * race the counted bytes stay above the leases held (it shows in every order: the model's
     * comparison of stats().leasedBytes at rest is what catches it, STATS).
     */
    @Test
    void arenaAllocatorKeepingReleasedBytesOnItsBudgetIsFound(TestInfo test) {
        Exploration found = AllocatorFrayBase.assertRaceFails(scenario(test), new ArenaPerLeaseFactory.PlantedBug(),
                AllocatorRace.RELEASE_VS_REUSE, ViolationKind.STATS, twinIterations(), Strategy.POS);
        System.out.println("PLANTED-FOUND allocator=arena race=RELEASE_VS_REUSE firstFailureIteration="
                + found.iterationsRun() + " " + found.failure().getMessage());
    }

    private static int twinIterations() {
        return SystemProperties.intProperty(RaceAssertions.TWIN_ITERATIONS_PROPERTY, 100);
    }

    private static String scenario(TestInfo test) {
        return test.getTestClass().orElseThrow().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
    }
}
