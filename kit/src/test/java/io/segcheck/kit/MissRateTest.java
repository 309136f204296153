package io.segcheck.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MissRate counts exactly the runs a twin did not pass, and fails on any miss. */
class MissRateTest {

    /** Twins for the count: one always finds its bug, one finds it every other run. */
    static class Twins {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Test
        void alwaysFinds() {
            assertTrue(true);
        }

        @Test
        void findsEveryOtherRun() {
            assertEquals(0, CALLS.getAndIncrement() % 2, "missed this run");
        }
    }

    @Test
    void aTwinThatAlwaysPassesMissesNothing(@TempDir Path dir) throws Exception {
        MissRate rate = MissRate.measure(5, List.of(Twins.class.getName() + "#alwaysFinds"), dir.resolve("t.md"));
        assertTrue(rate.missing().isEmpty(), rate.markdown());
        rate.assertNoMisses();
        assertTrue(Files.readString(dir.resolve("t.md")).contains("| 5 | 0 |"), rate.markdown());
    }

    @Test
    void aTwinThatFindsItsBugOnlySometimesIsCountedAndFails(@TempDir Path dir) throws Exception {
        Twins.CALLS.set(0);
        MissRate rate = MissRate.measure(6, List.of(Twins.class.getName() + "#findsEveryOtherRun"), dir.resolve("t.md"));
        assertEquals(1, rate.missing().size());
        assertEquals(3, rate.missing().getFirst().missed(), rate.markdown());
        AssertionError error = assertThrows(AssertionError.class, rate::assertNoMisses);
        assertTrue(error.getMessage().contains("first miss of"), error.getMessage());
        assertTrue(error.getMessage().contains("missed this run"), error.getMessage());
    }

    @Test
    void aNameThatSelectsNoTestIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> MissRate.measure(1, List.of(Twins.class.getName() + "#noSuchMethod"), dir.resolve("t.md")));
    }
}
