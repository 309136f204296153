package io.segcheck.examples;

import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.kit.lincheck.AllocatorLincheckBase;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lincheck base against the arena-per-lease allocator, in stress mode. */
public class ArenaPerLeaseLincheckTest extends AllocatorLincheckBase {

    public ArenaPerLeaseLincheckTest() {
        super(new ArenaPerLeaseFactory());
    }

    @Test
    void concurrentCallsAreLinearizableUnderStress() {
        stress(ArenaPerLeaseLincheckTest.class);
    }

    /** The planted allocator, through the same base: its leaked budget bytes are found. */
    public static class Planted extends AllocatorLincheckBase {
        public Planted() {
            super(new ArenaPerLeaseFactory.PlantedBug());
        }
    }

    @Test
    void modelCheckingFindsThePlantedBudgetLeak() {
        LincheckAssertionError found = assertThrows(LincheckAssertionError.class, () -> modelCheck(Planted.class, false));
        assertTrue(found.getMessage().contains("stats leasedBytes="), found.getMessage());
    }
}
