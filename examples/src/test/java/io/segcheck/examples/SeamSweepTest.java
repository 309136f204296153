package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.junit.AllocatorSweep;
import io.segcheck.sim.runner.RunReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeded sweep against each declared variant of the examples (clean: the declaration says what
 * the allocator does) and against the planted bugs the variants make possible (each found, with the
 * kind that names it).
 */
class SeamSweepTest {

    @Test
    void everyDeclaredVariantIsCleanOverTheSweep() {
        Map<String, AllocatorFactory> variants = Map.of(
                "views end their lease", new ArenaPerLeaseFactory().withProperties(
                        Map.of(ArenaPerLeaseFactory.RELEASE_THROUGH_VIEWS, "true")),
                "releases never validated", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.VALIDATE_RELEASES, "false")),
                "oversized requests served", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.SERVE_OVERSIZE, "true")),
                "sizes refused by assert", new FreeListPoolFactory().withProperties(
                        Map.of(FreeListPoolFactory.ASSERT_SIZES, "true")));
        variants.forEach((name, factory) -> {
            AllocatorSweep sweep = AllocatorSweep.of(factory).seeds(0, 60).failuresTo(Path.of("target", "variants"));
            Optional<RunReport> failure = sweep.firstFailure();
            assertTrue(failure.isEmpty(), name + ": " + failure.map(sweep::describe).orElse(""));
        });
    }

    @Test
    void sweepFindsAnOffsetZeroSliceOfAnotherSizeEndingAWholeLease() {
        assertFound(new ArenaPerLeaseFactory.PlantedOffsetZeroSlice(), "FOREIGN_RELEASE", "releaseForeign");
    }

    @Test
    void sweepFindsTheMissingSizeCheck() {
        assertFound(new FreeListPoolFactory.PlantedMissingSizeCheck(), "MISSING_ERROR", "allocate");
    }

    @Test
    void sweepFindsTheAllocateAfterClose() {
        assertFound(new FreeListPoolFactory.PlantedAllocateAfterClose(), "MISSING_ERROR", "after close");
    }

    private static void assertFound(AllocatorFactory planted, String kind, String where) {
        AllocatorSweep sweep = AllocatorSweep.of(planted).seeds(0, 60).failuresTo(Path.of("target", "planted"));
        RunReport report = sweep.firstFailure().orElseThrow(() -> new AssertionError("the sweep missed the bug"));
        String description = sweep.describe(report);
        System.out.println("SWEEP FOUND " + planted.getClass().getSimpleName() + ":\n" + description);
        assertEquals(Optional.of(kind), report.finalOutcome().signature(), description);
        assertTrue(description.contains(where), description);
        assertTrue(report.shrunkRunReproduces(), description);
    }
}
