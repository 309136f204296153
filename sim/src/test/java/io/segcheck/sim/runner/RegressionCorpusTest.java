package io.segcheck.sim.runner;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every file of the regression corpus ({@code src/test/resources/regressions/*.replay}):
 * a file that names defects must fail with the violation it recorded while they are on, and pass
 * with them off; a file that names none records a real bug the sweep found and must pass, so the
 * fix stays fixed.
 */
class RegressionCorpusTest {

    private final Runner runner = new Runner(WorldRuns.world());

    static List<Path> corpus() throws IOException, URISyntaxException {
        URL folder = RegressionCorpusTest.class.getResource("/regressions");
        if (folder == null) {
            throw new IllegalStateException("no regressions folder on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(path -> path.toString().endsWith(".replay")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRegressionFailsWithItsDefectOnAndPassesWithItOff() throws Exception {
        return corpus().stream().flatMap(path -> {
            String name = path.getFileName().toString();
            if (defectsOf(path).isEmpty()) {
                return Stream.of(DynamicTest.dynamicTest(name + " (a real bug found) passes", () -> passesWhenFixed(path)));
            }
            return Stream.of(DynamicTest.dynamicTest(name + " fails with its defect on", () -> failsAsRecorded(path)),
                    DynamicTest.dynamicTest(name + " passes with the defects off", () -> passesWhenFixed(path)));
        });
    }

    /** Where the file lives in the source tree, so the printed replay line runs from the project root. */
    private static Path sourcePath(Path path) {
        return Path.of("sim", "src", "test", "resources", "regressions").resolve(path.getFileName());
    }

    private static Defects defectsOf(Path path) {
        try {
            return DefectSwitches.defects(ReplayFile.read(path).config().defects());
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    /**
     * A simulator's file (its notes name workers, scheduler and fault sites) replays in a simulated
     * world; any other in the runner's world.
     */
    private RunReport replay(ReplayFile file, RunConfig config) {
        if (SimulationSettings.isSimulation(file.notes())) {
            return new Simulator(0).replay(config, SimulationSettings.fromNotes(file.notes()), file.steps(), false)
                    .report();
        }
        return runner.replay(config, file.steps(), false);
    }

    private void failsAsRecorded(Path path) throws IOException {
        ReplayFile file = ReplayFile.read(path);
        assertFalse(file.config().defects().isEmpty(), path + " names no defect in its header");
        RunReport report = replay(file, file.config());
        assertEquals(file.notes().get(ReplayFile.EXPECT), report.outcome().signature().orElse("clean"),
                path + " did not fail as recorded:\n" + WorldRuns.story(report) + "\nreplay: " + FailureReport.replayLine(sourcePath(path)));
    }

    private void passesWhenFixed(Path path) throws IOException {
        ReplayFile file = ReplayFile.read(path);
        RunReport report = replay(file, file.config().withDefects(Switches.none()));
        assertTrue(report.clean(), path + " fails with every defect off:\n" + WorldRuns.story(report)
                + "\nreplay: " + FailureReport.replayLine(sourcePath(path)) + " --defect none");
        if (SimulationSettings.isSimulation(file.notes()) && file.config().defects().isEmpty()
                && !"none".equals(file.notes().get("sim.faults"))) {
            // A fixed bug's file must still reach its fault: otherwise it would pass for nothing.
            // (A file recorded with faults off found a bug of the model or the binding instead.)
            assertTrue(report.finalOutcome().trace().stream().anyMatch(line -> line.contains("err:FAULT")
                            || line.contains("+FAULT") || line.contains("close:err")),
                    path + " no longer makes its fault site fire:\n" + String.join("\n", report.finalOutcome().trace()));
        }
    }

    @Test
    void corpusHoldsAShrunkRunOfEveryDefect() throws Exception {
        Set<Defect> covered = EnumSet.noneOf(Defect.class);
        for (Path path : corpus()) {
            ReplayFile file = ReplayFile.read(path);
            covered.addAll(DefectSwitches.defects(file.config().defects()).enabled());
            if (!file.config().defects().isEmpty()) {
                assertTrue(file.steps().size() <= 10, path + " has " + file.steps().size() + " steps");
            }
        }
        // Defects that only a thread switch inside a call shows have no sequential run; Fray finds them.
        // Those that need a queued listener are covered by simulator files.
        Set<Defect> expected = EnumSet.noneOf(Defect.class);
        expected.addAll(Defect.visibleInOneThread());
        expected.addAll(Defect.needingQueuedListeners());
        assertEquals(expected, covered);
    }
}
