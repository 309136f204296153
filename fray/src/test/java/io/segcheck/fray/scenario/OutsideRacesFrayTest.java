package io.segcheck.fray.scenario;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code races --page / --allocator}: the kit's generated scenarios on a team's classes, loaded by
 * name (here the examples, on this JVM's class path, so {@code --classpath} is empty): a planted
 * non-idempotent return and a planted stale release are found, the correct page stays clean.
 */
class OutsideRacesFrayTest {

    private static final Path HERE = Path.of(".");

    @Test
    void aPlantedPageBugIsFoundAndTheCorrectPageStaysClean() {
        assertEquals(1, new OutsideRaces("io.segcheck.examples.page.AppendLogPageFactory$ReturnNotIdempotent", null, "")
                .search(HERE, 0, 6, 20));
        assertEquals(0, new OutsideRaces("io.segcheck.examples.page.AppendLogPageFactory", null, "")
                .search(HERE, 0, 3, 10));
    }

    @Test
    void aPlantedAllocatorBugIsFound() {
        assertEquals(1, new OutsideRaces(null, "io.segcheck.examples.freelist.FreeListPoolFactory$PlantedBug", "")
                .search(HERE, 0, 40, 20));
    }

    @Test
    void aMissingJarOrFactoryIsTold() {
        assertThrows(UncheckedIOException.class, () -> new OutsideRaces("x.Y", null, "no/such.jar").search(HERE, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OutsideRaces(null, null, ""));
        assertThrows(IllegalArgumentException.class, () -> new OutsideRaces("no.such.Factory", null, "")
                .search(HERE, 0, 0, 1));
    }
}
