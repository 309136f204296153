package io.segcheck.examples;

import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.lincheck.AllocatorLincheckBase;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lincheck base against the free-list pool, in stress mode (real threads): model checking of a
 * whole pool, chunk carving included, took minutes per run here, too slow for every build.
 */
public class FreeListPoolLincheckTest extends AllocatorLincheckBase {

    public FreeListPoolLincheckTest() {
        super(new FreeListPoolFactory());
    }

    @Test
    void concurrentCallsAreLinearizableUnderStress() {
        stress(FreeListPoolLincheckTest.class);
    }

    /** The planted pool, through the same base: its accepted stale release is found. */
    public static class Planted extends AllocatorLincheckBase {
        public Planted() {
            super(new FreeListPoolFactory.PlantedBug());
        }
    }

    @Test
    void modelCheckingFindsThePlantedStaleRelease() {
        LincheckAssertionError found = assertThrows(LincheckAssertionError.class, () -> modelCheck(Planted.class, false));
        assertTrue(found.getMessage().contains("stats leasedSegments="), found.getMessage());
    }
}
