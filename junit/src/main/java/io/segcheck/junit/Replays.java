package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Runs replay files (of the sweep or of the simulator) step for step on a team's allocator. */
final class Replays {

    private Replays() {
    }

    /** The report of a replay that failed, or empty when the file now runs clean. */
    static Optional<String> failureOf(AllocatorFactory factory, Path file, int shrinkBudget) {
        ReplayFile replay = read(file);
        if (SimulationSettings.isSimulation(replay.notes())) {
            Simulator.Result result = new Simulator(shrinkBudget, factory).replay(replay.config(),
                    SimulationSettings.fromNotes(replay.notes()), replay.steps(), false);
            return result.clean() ? Optional.empty() : Optional.of(SimulationCheck.describe(result));
        }
        Coverage coverage = Coverage.valueOf(replay.notes().getOrDefault("coverage", "allocator").toUpperCase(Locale.ROOT));
        WorldFactory worlds = new WorldFactory(coverage, factory);
        RunReport report = new Runner(worlds, shrinkBudget).replay(replay.config(), replay.steps(), false);
        return report.clean() ? Optional.empty() : Optional.of(SweepCheck.describe(factory, worlds, report));
    }

    private static ReplayFile read(Path file) {
        try {
            return ReplayFile.read(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the replay file " + file, unreadable);
        }
    }

    /** The replay files in {@code folder}, by name; none when it does not exist. */
    static List<Path> in(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".replay")).sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot list the regression folder " + folder, unreadable);
        }
    }
}
