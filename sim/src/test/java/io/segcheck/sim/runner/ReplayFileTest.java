package io.segcheck.sim.runner;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayFileTest {

    @TempDir
    Path folder;

    private static ReplayFile sample() {
        List<Step> steps = List.of(Step.of("open"), Step.of("add", 12), Step.of("close", 3));
        RunConfig config = new RunConfig(42, steps.size(), ToyRuns.LEAK_BUG, false, 64, 4L << 20, 1L << 20, 65536,
                Checking.LOCKSTEP);
        return new ReplayFile(config, steps, Map.of(ReplayFile.EXPECT, "LEAK"));
    }

    @Test
    void linesParseBackToTheSameFile() {
        ReplayFile file = sample();
        List<String> lines = file.lines();
        assertEquals(ReplayFile.MAGIC, lines.getFirst());
        assertEquals("# format=1", lines.get(1));
        assertTrue(lines.contains("# seed=42"), lines.toString());
        assertTrue(lines.contains("# defects=EVICTION_SKIPS_RETURN"), lines.toString());
        assertTrue(lines.contains("close 3"), lines.toString());
        assertEquals(file, ReplayFile.parse(lines, "sample"));
    }

    @Test
    void replayOfAWrittenFailureFailsWithTheSameViolationAndTrace() throws IOException {
        Runner runner = new Runner(ToyWorld.plain());
        RunReport failing = ToyRuns.firstFailure(runner, ToyRuns.COUNTER_BUG, 200, 200);
        Path written = FailureReport.writeReplay(failing, folder);
        assertEquals(FailureReport.replayPath(folder, failing.config().seed()), written);

        ReplayFile file = ReplayFile.read(written);
        assertEquals(failing.finalSteps(), file.steps());
        assertEquals("LOST_DATA", file.notes().get(ReplayFile.EXPECT));
        RunReport replayed = new Runner(ToyWorld.plain()).replay(file.config(), file.steps(), false);
        assertEquals(failing.finalOutcome().sentence(), replayed.outcome().sentence());
        assertEquals(failing.finalOutcome().traceHash(), replayed.outcome().traceHash());
        assertEquals(TraceHash.hex(replayed.outcome().traceHash()), file.notes().get("traceHash"));
    }

    @Test
    void replayWithTheDefectOffIsClean() throws IOException {
        Path written = FailureReport.writeReplay(
                ToyRuns.firstFailure(new Runner(ToyWorld.plain()), ToyRuns.LEAK_BUG, 200, 200), folder);
        ReplayFile file = ReplayFile.read(written);
        RunReport fixed = new Runner(ToyWorld.plain()).replay(file.config().withDefects(Switches.none()), file.steps(), false);
        assertTrue(fixed.clean(), fixed.outcome().sentence());
    }

    @Test
    void truncatedFileIsRejectedNamingBothCounts() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.removeLast();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReplayFile.parse(lines, "cut.replay"));
        assertTrue(error.getMessage().contains("steps=3") && error.getMessage().contains("stepLines=2"),
                error.getMessage());
        assertTrue(error.getMessage().contains("file=cut.replay"), error.getMessage());
    }

    @Test
    void missingSettingIsRejectedNamingTheKey() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.remove("# budgetBytes=" + (4L << 20));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReplayFile.parse(lines, "x.replay"));
        assertTrue(error.getMessage().contains("key=budgetBytes is missing"), error.getMessage());
    }

    @Test
    void badStepLineIsRejectedWithItsLineNumber() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.set(lines.size() - 1, "close three");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReplayFile.parse(lines, "x.replay"));
        assertTrue(error.getMessage().contains("line=" + lines.size()), error.getMessage());
    }

    @Test
    void fileWithoutTheFirstLineIsNotAReplay() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.removeFirst();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReplayFile.parse(lines, "x.replay"));
        assertTrue(error.getMessage().contains("is not a segcheck replay"), error.getMessage());
    }

    @Test
    void aFileWithoutTheFormatKeyIsReadAsFormatOne() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.remove("# format=1");
        assertEquals(sample(), ReplayFile.parse(lines, "old.replay"));
    }

    @Test
    void aFileOfANewerFormatIsRefusedNamingBothVersions() {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.set(lines.indexOf("# format=1"), "# format=2");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReplayFile.parse(lines, "new.replay"));
        assertTrue(error.getMessage().contains("format=2") && error.getMessage().contains("format=1"),
                error.getMessage());
    }

    @Test
    void commentsAndBlankLinesChangeNothing() throws IOException {
        List<String> lines = new ArrayList<>(sample().lines());
        lines.add(lines.size() - 1, "");
        lines.add(lines.size() - 1, "# this close is the one that leaks");
        Path path = folder.resolve("commented.replay");
        Files.write(path, lines);
        assertEquals(sample(), ReplayFile.read(path));
    }
}
