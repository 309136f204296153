package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code --spread}: what is asked wins, the command's default otherwise, and threads at one job. */
class SpreadTest {

    private static Spread spread(int jobs, Spread otherwise, String... args) throws UsageException {
        return Spread.of(Options.parse(List.of(args), Set.of("--spread"), Set.of()), jobs, otherwise);
    }

    @Test
    void theCommandsDefaultAppliesWhenNothingIsAsked() throws UsageException {
        assertEquals(Spread.PROCESSES, spread(2, Spread.PROCESSES));
        assertEquals(Spread.THREADS, spread(2, Spread.THREADS));
    }

    @Test
    void whatIsAskedWinsOverTheDefault() throws UsageException {
        assertEquals(Spread.THREADS, spread(2, Spread.PROCESSES, "--spread", "threads"));
        assertEquals(Spread.PROCESSES, spread(2, Spread.THREADS, "--spread", "processes"));
    }

    @Test
    void oneJobRunsOnThisJvm() throws UsageException {
        assertEquals(Spread.THREADS, spread(1, Spread.PROCESSES, "--spread", "processes"));
    }

    @Test
    void anUnknownSpreadIsAUsageError() {
        assertThrows(UsageException.class, () -> spread(2, Spread.THREADS, "--spread", "fibres"));
    }
}
