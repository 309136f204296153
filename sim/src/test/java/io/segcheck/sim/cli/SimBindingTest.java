package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sim --allocator}: the simulator runs segcheck's pages and caches on another project's
 * allocator, finds a bug planted in it, and the replay file binds the same allocator again.
 */
class SimBindingTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void segcheckOwnAllocatorSimulatesCleanThroughTheSeam() {
        assertEquals(ExitCode.CLEAN, run("sim", "--seeds", "0..8", "--steps", "80", "--quiet", "--allocator",
                "io.segcheck.impl.alloc.SegcheckAllocatorFactory"), this::output);
        assertTrue(output().contains("allocator=segcheck coverage=system"), this::output);
    }

    @Test
    void aBugPlantedInAnotherAllocatorIsFoundShrunkAndReplayedOnThatAllocator(@TempDir Path folder)
            throws IOException {
        assertEquals(ExitCode.VIOLATION, run("sim", "--seeds", "0..20", "--quiet", "--out", folder.toString(),
                "--allocator", ReleaseIgnoringFactory.class.getName()), this::output);
        assertTrue(output().contains("LEAK"), this::output);
        List<Path> replays;
        try (Stream<Path> files = Files.list(folder)) {
            replays = files.filter(path -> path.toString().endsWith(".replay")).toList();
        }
        assertEquals(1, replays.size(), replays::toString);
        String file = Files.readString(replays.getFirst());
        assertTrue(file.contains("# allocator=" + ReleaseIgnoringFactory.class.getName()), file);
        assertTrue(file.lines().filter(line -> !line.startsWith("#")).count() <= 10, "shrunk: " + file);

        assertEquals(ExitCode.VIOLATION, run("replay", replays.getFirst().toString()), this::output);
        assertTrue(output().contains("same failure as recorded: LEAK"), this::output);
        assertEquals(ExitCode.CLEAN, run("replay", replays.getFirst().toString(), "--allocator",
                "io.segcheck.impl.alloc.SegcheckAllocatorFactory"), this::output);
    }

    @Test
    void anAllocatorWithoutThePagesSizeClassesIsSimulatedAloneAndSystemCoverageIsAUsageError() {
        ExitCode alone = run("sim", "--seeds", "0..2", "--steps", "40", "--quiet", "--allocator",
                OneClassFactory.class.getName());
        assertTrue(alone != ExitCode.USAGE, this::output);
        assertTrue(output().contains("coverage=allocator"), this::output);
        assertTrue(output().startsWith("design: sizeClassesBytes=[4096]"), "the declared design comes first: " + output());
        assertEquals(ExitCode.USAGE, run("sim", "--seeds", "0..1", "--coverage", "system", "--allocator",
                OneClassFactory.class.getName()));
        assertTrue(output().contains("Use --coverage allocator to check the allocator alone."), this::output);
    }

    @Test
    void segcheckOwnAllocatorAloneIsNamedWithItsFactory() {
        assertEquals(ExitCode.USAGE, run("sim", "--seeds", "0..1", "--coverage", "allocator"));
        assertTrue(output().contains("--allocator io.segcheck.impl.alloc.SegcheckAllocatorFactory --coverage allocator"),
                this::output);
        assertEquals(ExitCode.CLEAN, run("sim", "--seeds", "0..6", "--steps", "80", "--quiet", "--allocator",
                "io.segcheck.impl.alloc.SegcheckAllocatorFactory", "--coverage", "allocator"), this::output);
        assertTrue(output().contains("allocator=segcheck coverage=allocator"), this::output);
    }
}
