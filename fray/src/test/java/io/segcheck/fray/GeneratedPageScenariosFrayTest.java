package io.segcheck.fray;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedPageScenarios;
import io.segcheck.kit.fray.GeneratedPageScenarios.Found;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's generated page scenarios on outside pages, through their factories and declared
 * designs: the example page and segcheck's own page (bound through the same seam, on segcheck's
 * allocator) stay clean over the first seeds, and the example page's planted return that checks its
 * flag, releases, and only then sets it (no lock) is found by programs nobody shaped for it.
 */
class GeneratedPageScenariosFrayTest {

    private static final int CLEAN_PROGRAMS = 10;
    private static final int PLANTED_PROGRAMS = 12;
    private static final int SCHEDULES = 20;

    @Test
    void theExamplePageStaysCleanOverTheFirstSeeds() {
        assertClean(new GeneratedPageScenarios(new AppendLogPageFactory()), "kit-page-append-log");
    }

    @Test
    void segchecksPageThroughTheSeamStaysCleanOverTheFirstSeeds() {
        assertClean(new GeneratedPageScenarios(new KeyValueLeafPageFactory(), new SegcheckAllocatorFactory()),
                "kit-page-segcheck");
    }

    @Test
    void theExamplePagesPlantedRacingReturnIsFound() {
        PageFactory planted = new AppendLogPageFactory.ReturnNotIdempotent();
        Found found = new GeneratedPageScenarios(planted).search("kit-page-planted", 0, PLANTED_PROGRAMS, SCHEDULES,
                Strategy.POS).orElseThrow(() -> new AssertionError(planted.name() + "'s racing return NOT found by "
                + PLANTED_PROGRAMS + " generated programs of " + SCHEDULES + " schedules"));
        System.out.println("KIT-PAGE-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + " "
                + found.program().text() + "\n  " + found.exploration().summary());
        assertEquals(ViolationKind.DOUBLE_RELEASE, OwnershipViolation.in(found.exploration().failure()).kind(),
                found.exploration().summary());
    }

    private static void assertClean(GeneratedPageScenarios scenarios, String name) {
        Optional<Found> found = scenarios.search(name, 0, CLEAN_PROGRAMS, SCHEDULES, Strategy.POS);
        assertTrue(found.isEmpty(), () -> name + " failed " + found.get().program().text() + ": "
                + found.get().exploration().summary());
    }
}
