package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help on every command, hand-edited replay files, and errors thrown by the allocator under check. */
class CommandLinePolishTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Stream<String> commandNames() {
        return Main.commands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void everyCommandsHelpExitsZeroWithItsUsage(String command) {
        for (String help : List.of("--help", "-h")) {
            out.reset();
            assertEquals(ExitCode.CLEAN, run(command, help), errors());
            String usage = Main.commands().get(command).usage();
            assertTrue(output().contains(usage.lines().findFirst().orElseThrow()), output());
            assertFalse(errors().contains("unknown option"), errors());
        }
    }

    @Test
    void helpAfterOtherArgumentsStillPrintsTheUsageAndRunsNothing() {
        assertEquals(ExitCode.CLEAN, run("sim", "--seeds", "0..100000", "--help"));
        assertFalse(output().contains("SEED="), "nothing ran: " + output());
    }

    @Test
    void replayWithAnUnknownActionIsAUsageErrorNamingItsLine() throws IOException {
        Path file = editedReplay(List.of("borrow 0 4096 0", "frobnicate 1 2"));
        assertEquals(ExitCode.USAGE, run("replay", file.toString()), errors());
        assertTrue(errors().contains("line=" + lineOf(file, "frobnicate")), errors());
        assertTrue(errors().contains("frobnicate"), errors());
        assertTrue(errors().contains("known actions"), errors());
        assertFalse(errors().contains("internal error"), errors());
    }

    @Test
    void simulationReplayWithAnUnknownActionIsAUsageErrorNamingItsLine() throws IOException {
        assertEquals(ExitCode.VIOLATION, run("sim", "--seeds", "0..400", "--defect", "EVICTION_SKIPS_RETURN",
                "--quiet", "--out", folder.toString()), output() + errors());
        Path written;
        try (Stream<Path> files = Files.list(folder)) {
            written = files.filter(path -> path.toString().endsWith(".replay")).sorted().findFirst().orElseThrow();
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(written));
        int stepLine = lines.size() - 1; // the last step, 0-based
        lines.set(stepLine, "frobnicate 7");
        Files.write(written, lines);
        err.reset();
        assertEquals(ExitCode.USAGE, run("replay", written.toString()), errors());
        assertTrue(errors().contains("line=" + (stepLine + 1)), errors());
        assertTrue(errors().contains("frobnicate"), errors());
        assertFalse(errors().contains("internal error"), errors());
    }

    @Test
    void replayWhoseBytesAreNotUtf8IsAUsageErrorNamingItsLine() throws IOException {
        Path file = editedReplay(List.of("borrow 0 4096 0"));
        byte[] good = Files.readAllBytes(file);
        byte[] bad = new byte[good.length + 2];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = (byte) 0xC3; // a two-byte lead byte followed by a newline: malformed
        bad[good.length + 1] = (byte) '\n';
        Files.write(file, bad);
        int badLine = (int) new String(good, StandardCharsets.UTF_8).lines().count() + 1;
        assertEquals(ExitCode.USAGE, run("replay", file.toString()), errors());
        assertTrue(errors().contains("line=" + badLine), errors());
        assertTrue(errors().contains("UTF-8"), errors());
        assertFalse(errors().contains("internal error"), errors());
    }

    @Test
    void anErrorThrownByTheAllocatorUnderCheckIsAFindingNotAnInternalError() {
        ExitCode exit = run("sweep", "--seeds", "0..5", "--steps", "200", "--quiet", "--max-findings", "1",
                "--out", folder.toString(), "--allocator", ErrorThrowingFactory.class.getName(),
                "--coverage", "allocator");
        assertEquals(ExitCode.VIOLATION, exit, output() + errors());
        assertTrue(output().contains("UNEXPECTED_ERROR"), output());
        assertTrue(output().contains("OutOfMemoryError"), output());
        assertFalse(errors().contains("internal error"), errors());
    }

    /** A replay file of the real system with {@code steps}, as a person would edit one. */
    private Path editedReplay(List<String> steps) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("# segcheck replay", "# seed=1",
                "# steps=" + steps.size(), "# defects=none", "# guardMode=on", "# budgetBytes=4194304",
                "# regionBytes=262144", "# cacheWeightBytes=1048576", "# checking=LOCKSTEP"));
        lines.addAll(steps);
        Path file = folder.resolve("edited.replay");
        Files.write(file, lines);
        return file;
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
