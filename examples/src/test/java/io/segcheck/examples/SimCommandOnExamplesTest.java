package io.segcheck.examples;

import io.segcheck.sim.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segcheck sim} on the examples as an outsider runs it: the declared design first, SEED lines
 * without the settings the allocator does not have, words for the steps, {@code --max-findings},
 * {@code --without} and {@code --allocator-property}.
 */
class SimCommandOnExamplesTest {

    private static final String MISSING_SIZE_CHECK = "io.segcheck.examples.freelist.FreeListPoolFactory$PlantedMissingSizeCheck";
    private static final String OFFSET_ZERO = "io.segcheck.examples.arena.ArenaPerLeaseFactory$PlantedOffsetZeroSlice";

    private final CommandLine commandLine = new CommandLine();

    private ExitCode run(String... args) {
        return commandLine.run(args);
    }

    private String output() {
        return commandLine.output();
    }

    @Test
    void aFindingReadsWithoutTheSource(@TempDir Path folder) throws IOException {
        assertEquals(ExitCode.VIOLATION, run("sim", "--seeds", "0..20", "--quiet", "--out", folder.toString(),
                "--allocator", OFFSET_ZERO), this::output);
        String text = output();
        assertTrue(text.startsWith("design: sizeClassesBytes=[4096, 16384, 65536, 262144]"), text);
        assertTrue(text.contains("viewRelease=ENDS_LEASE"), text);
        String seedLine = text.lines().filter(line -> line.startsWith("SEED=")).findFirst().orElseThrow();
        for (String unused : new String[] {"guardMode=", "quarantineSlices=", "regionBytes=", "cacheWeightBytes="}) {
            assertFalse(seedLine.contains(unused), "the arena allocator has no " + unused + ": " + seedLine);
        }
        assertTrue(text.contains("# worker=2 kind=1 (an offset-0 half slice of a live raw lease)"), text);
        Path replay = folder.resolve("sim-seed-0.replay");
        assertTrue(Files.readString(replay).contains("# step 1: releaseForeign 2 1 0 = worker=2 kind=1"),
                Files.readString(replay));
        assertEquals(ExitCode.VIOLATION, run("replay", replay.toString()), this::output);
        assertTrue(output().contains("same failure as recorded: FOREIGN_RELEASE"), this::output);
    }

    @Test
    void maxFindingsKeepsGoingAndWithoutSwitchesAFindingsActionOff(@TempDir Path folder) {
        assertEquals(ExitCode.VIOLATION, run("sim", "--seeds", "0..40", "--quiet", "--max-findings", "3", "--out",
                folder.toString(), "--allocator", MISSING_SIZE_CHECK), this::output);
        assertTrue(output().contains("sim found "), this::output);
        assertTrue(output().contains("MISSING_ERROR          allocate"), this::output);
        assertEquals(ExitCode.USAGE, run("sim", "--seeds", "0..1", "--without", "allocat", "--allocator",
                MISSING_SIZE_CHECK));
        assertTrue(output().contains("unknown action=allocat"), this::output);
        ExitCode without = run("sim", "--seeds", "0..10", "--quiet", "--without", "allocate", "--out",
                folder.toString(), "--allocator", MISSING_SIZE_CHECK);
        assertEquals(ExitCode.CLEAN, without, this::output);
        assertTrue(output().contains("without=allocate"), this::output);
    }

    @Test
    void anAllocatorPropertyReachesTheFactory() {
        assertEquals(ExitCode.CLEAN, run("sim", "--seeds", "0..20", "--quiet", "--allocator",
                "io.segcheck.examples.arena.ArenaPerLeaseFactory", "--allocator-property",
                "arena.releaseThroughViews=true"), this::output);
        assertTrue(output().contains("viewRelease=ENDS_LEASE"), this::output);
        assertEquals(ExitCode.USAGE, run("sim", "--seeds", "0..1", "--allocator",
                "io.segcheck.examples.arena.ArenaPerLeaseFactory", "--allocator-property", "noequals"));
        assertTrue(output().contains("must be NAME=VALUE"), this::output);
    }
}
