package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.ParallelSeeds;
import io.segcheck.sim.runner.ChildSeeds;
import io.segcheck.sim.runner.CorePinning;
import io.segcheck.sim.runner.SeedProcesses;
import io.segcheck.sim.runner.SeedRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ./segcheck races}: the command line of generated concurrent scenarios. It runs in this
 * module's test JVM because only that JVM has Fray's agent and instrumented JDK (the CLI jar runs
 * on a plain JVM); the launcher starts it through Maven with the arguments in {@code races.args}:
 * <pre>
 *   ./segcheck races --seeds 0..100 [--shard 0/4] [--max-findings 3] [--schedules 20] [--defects NAME,..] [--jobs N]
 *                    [--warm-up A..B]
 *   ./segcheck races --replay fray/target/races/NAME.properties
 *   ./segcheck races --seeds 0..40 --schedules 20 --page FACTORY [--allocator FACTORY] [--classpath JAR[:JAR]]
 *   ./segcheck races --seeds 0..40 --schedules 50 --allocator FACTORY [--classpath JAR[:JAR]]
 * </pre>
 * The last two run the kit's generated scenarios on a team's own pages or allocator ({@link OutsideRaces}).
 * Each finding prints its report and writes a replay file under {@code fray/target/races/}; the
 * command fails (exit code 1) when there is one. Not part of the build: its name matches no include.
 *
 * <p>{@code --jobs N} (default: the machine's cores) explores N seeds at once: this JVM one, and
 * N - 1 child JVMs ({@link RacesWorker}, started like this one) one each: Fray controls every thread
 * of its runs, so two explorations cannot share one JVM. Each job explores on a core of its own
 * ({@link CorePinning}), at one job too. Results are taken in seed order, so the output, the findings
 * and the seeds explored are those of {@code --jobs 1}; with {@code --max-findings}, no seed above
 * the one that brings the findings to their count is reported.
 */
class RacesCommand {

    @Test
    void races() {
        String[] args = System.getProperty("races.args", "").trim().split("\\s+");
        Path cwd = Path.of(System.getProperty("races.cwd", "."));
        long from = 0;
        long to = 10;
        int shard = 0;
        int shards = 1;
        int maxFindings = 1;
        int schedules = 20;
        int jobs = ParallelSeeds.defaultJobs();
        Defects defects = Defects.none();
        String page = null;
        String allocator = null;
        String classpath = "";
        Optional<SeedRange> warmUp = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> {
                    String[] range = args[++i].split("\\.\\.");
                    from = Long.parseLong(range[0]);
                    to = Long.parseLong(range[1]);
                }
                case "--shard" -> {
                    String[] parts = args[++i].split("/");
                    shard = Integer.parseInt(parts[0]);
                    shards = Integer.parseInt(parts[1]);
                }
                case "--warm-up" -> {
                    String[] range = args[++i].split("\\.\\.");
                    warmUp = Optional.of(SeedRange.of(Long.parseLong(range[0]), Long.parseLong(range[1]) + 1));
                }
                case "--max-findings" -> maxFindings = Integer.parseInt(args[++i]);
                case "--schedules" -> schedules = Integer.parseInt(args[++i]);
                case "--defects" -> defects = Defects.parse(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--page" -> page = args[++i];
                case "--allocator" -> allocator = args[++i];
                case "--classpath" -> classpath = args[++i];
                case "--replay" -> {
                    replay(cwd.resolve(args[++i]));
                    return;
                }
                case "" -> {
                    // no arguments: the defaults
                }
                default -> throw new IllegalArgumentException("unknown races option=" + args[i] + "; usage: races --seeds A..B "
                        + "[--shard i/n] [--max-findings N] [--schedules S] [--defects NAME,..] [--jobs N] [--warm-up A..B] "
                        + "| --replay FILE | --seeds A..B [--schedules S] (--page FACTORY | --allocator FACTORY) "
                        + "[--classpath JAR[:JAR]]");
            }
        }
        if (page != null || allocator != null) {
            int found = new OutsideRaces(page, allocator, classpath).search(cwd, from, to, schedules);
            assertEquals(0, found, "a generated program failed; its report is above");
            return;
        }
        int findings = explore(new SeedRange(from, to + 1, shard, shards), warmUp, maxFindings, schedules, defects,
                jobs);
        assertEquals(0, findings, findings + " finding(s); reports and replay files above");
    }

    /** Explores {@code seeds} on {@code jobs} JVMs, printing in seed order; answers the findings reported. */
    static int explore(SeedRange seeds, int maxFindings, int schedules, Defects defects, int jobs) {
        return explore(seeds, Optional.empty(), maxFindings, schedules, defects, jobs);
    }

    /**
     * The same, after exploring the seeds of {@code warmUp} first in the same JVMs, unreported and
     * untimed: a benchmark's warm-up, so the rate printed is that of JVMs whose JIT and Fray's
     * instrumentation are warm.
     */
    static int explore(SeedRange seeds, Optional<SeedRange> warmUp, int maxFindings, int schedules, Defects defects,
            int jobs) {
        int[] scenarios = {0};
        long[] schedulesRun = {0};
        int[] findings = {0};
        ParallelSeeds.Sink<String> report = (seed, answer) -> {
            SeedAnswer explored = SeedAnswer.parse(answer);
            scenarios[0]++;
            schedulesRun[0] += explored.schedulesRun();
            if (explored.report() != null) {
                findings[0]++;
                publishReplay(seed);
                System.out.println("RACES FINDING seed=" + seed + "\n" + explored.report()
                        + "replay: ./segcheck races --replay " + replayFile(seed));
            }
            return findings[0] < maxFindings;
        };
        // Each job explores on a core of its own (CorePinning: a Fray hand-off then stays on one core).
        ParallelSeeds.Work<String> here = seed -> {
            CorePinning.Pin pinned = CorePinning.toJob(ParallelSeeds.currentJob());
            try {
                return exploreSeed(seed, schedules, defects);
            } finally {
                pinned.close();
            }
        };
        // This JVM explores job 0's seeds on a worker thread (Fray schedules only the threads of its
        // own runs; the others here just wait or read a pipe), each other job is a child.
        List<String> worker = SeedProcesses.likeThisJvm(RacesWorker.class,
                List.of(Integer.toString(schedules), defects.toString()),
                name -> name.startsWith("fray.") || name.startsWith("races.") || name.startsWith("segcheck."));
        long start;
        try (ChildSeeds<String> spread = ChildSeeds.ofLines(here, worker)) {
            ParallelSeeds.Work<String> work = jobs == 1 ? here : spread;
            if (warmUp.isPresent()) {
                ParallelSeeds.run(warmUp.get(), jobs, work, (seed, answer) -> true);
                dropStagedReplays();
            }
            start = System.nanoTime();
            ParallelSeeds.run(seeds, jobs, work, report);
        } finally {
            dropStagedReplays(); // those of seeds explored ahead of the last one reported
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // per core: over the cores the jobs can use, min(jobs, cores), as the sweep's and sim's lines
        int cores = Math.min(jobs, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "RACES seeds=%d..%d shard=%d/%d scenarios=%d schedules=%d findings=%d "
                        + "seconds=%.1f scenariosPerSecond=%.2f jobs=%d perCore=%.2f%n", seeds.first(), seeds.end() - 1,
                seeds.shardIndex(), seeds.shardCount(), scenarios[0], schedulesRun[0], findings[0], seconds,
                scenarios[0] / seconds, jobs, scenarios[0] / seconds / cores);
        return findings[0];
    }

    /** Where a reported seed's finding is. */
    static Path replayFile(long seed) {
        return Path.of("target", "races", "seed-" + seed + ".properties").toAbsolutePath();
    }

    /**
     * Where the JVM that explored a seed writes its finding; it becomes {@link #replayFile} when the
     * seed is reported in seed order, so a seed explored ahead of the last one needed leaves no file.
     */
    static Path stagedReplay(long seed) {
        return Path.of("target", "races", "staged", "seed-" + seed + ".properties").toAbsolutePath();
    }

    private static void publishReplay(long seed) {
        try {
            Files.move(stagedReplay(seed), replayFile(seed), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException moveFailure) {
            throw new UncheckedIOException("seed=" + seed + ": could not move its replay file", moveFailure);
        }
    }

    private static void dropStagedReplays() {
        Path staged = stagedReplay(0).getParent();
        if (!Files.isDirectory(staged)) {
            return;
        }
        try (Stream<Path> files = Files.list(staged)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(staged);
        } catch (IOException deleteFailure) {
            throw new UncheckedIOException("could not remove " + staged, deleteFailure);
        }
    }

    /**
     * Explores one seed's scenario and writes its finding's replay file; the answer is one line, as
     * a worker JVM hands it back: {@link SeedAnswer}.
     */
    static String exploreSeed(long seed, int schedules, Defects defects) {
        Scenario scenario = ScenarioGenerator.generate(seed);
        ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, defects).explore(schedules);
        String report = null;
        if (outcome.finding() != null) {
            ReplayFile.write(stagedReplay(seed), outcome.finding());
            report = FindingReport.of(outcome.finding());
        }
        return new SeedAnswer(outcome.schedulesRun(), report).line();
    }

    /** One seed's exploration: schedules run, and the finding's report (null when none), as one line. */
    record SeedAnswer(int schedulesRun, String report) {
        String line() {
            return schedulesRun + (report == null ? "" : " " + report.replace("\\", "\\\\").replace("\n", "\\n"));
        }

        static SeedAnswer parse(String line) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return new SeedAnswer(Integer.parseInt(line), null);
            }
            StringBuilder report = new StringBuilder();
            for (int i = space + 1; i < line.length(); i++) {
                char next = line.charAt(i);
                if (next == '\\' && i + 1 < line.length()) {
                    report.append(line.charAt(++i) == 'n' ? '\n' : line.charAt(i));
                } else {
                    report.append(next);
                }
            }
            return new SeedAnswer(Integer.parseInt(line.substring(0, space)), report.toString());
        }
    }

    private static void replay(Path file) {
        ReplayFile.Replayed replayed = ReplayFile.replay(file);
        System.out.println("RACES REPLAY " + file + " exact=" + replayed.exact() + " recorded symptom="
                + replayed.recordedSymptom() + "\n" + replayed.finding().map(FindingReport::of).orElse("the run passed"));
        assertEquals(true, replayed.exact(), "the replay was not exact");
    }
}
