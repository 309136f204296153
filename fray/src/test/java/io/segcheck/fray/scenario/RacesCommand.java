package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ./segcheck races}: the command line of generated concurrent scenarios. It runs in this
 * module's test JVM because only that JVM has Fray's agent and instrumented JDK (the CLI jar runs
 * on a plain JVM); the launcher starts it through Maven with the arguments in {@code races.args}:
 * <pre>
 *   ./segcheck races --seeds 0..100 [--shard 0/4] [--max-findings 3] [--schedules 20] [--defects NAME,..]
 *   ./segcheck races --replay fray/target/races/NAME.properties
 * </pre>
 * Each finding prints its report and writes a replay file under {@code fray/target/races/}; the
 * command fails (exit code 1) when there is one. Not part of the build: its name matches no include.
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
        Defects defects = Defects.none();
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
                case "--max-findings" -> maxFindings = Integer.parseInt(args[++i]);
                case "--schedules" -> schedules = Integer.parseInt(args[++i]);
                case "--defects" -> defects = Defects.parse(args[++i]);
                case "--replay" -> {
                    replay(cwd.resolve(args[++i]));
                    return;
                }
                case "" -> {
                    // no arguments: the defaults
                }
                default -> throw new IllegalArgumentException("unknown races option=" + args[i] + "; usage: races --seeds A..B "
                        + "[--shard i/n] [--max-findings N] [--schedules S] [--defects NAME,..] | --replay FILE");
            }
        }
        explore(from, to, shard, shards, maxFindings, schedules, defects);
    }

    private static void explore(long from, long to, int shard, int shards, int maxFindings, int schedules,
                                Defects defects) {
        long start = System.nanoTime();
        int scenarios = 0;
        long schedulesRun = 0;
        int findings = 0;
        for (long seed = from; seed <= to && findings < maxFindings; seed++) {
            if (Math.floorMod(seed, shards) != shard) {
                continue;
            }
            Scenario scenario = ScenarioGenerator.generate(seed);
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, defects).explore(schedules);
            scenarios++;
            schedulesRun += outcome.schedulesRun();
            if (outcome.finding() != null) {
                findings++;
                Path file = Path.of("target", "races", "seed-" + seed + ".properties").toAbsolutePath();
                ReplayFile.write(file, outcome.finding());
                System.out.println("RACES FINDING seed=" + seed + "\n" + FindingReport.of(outcome.finding())
                        + "replay: ./segcheck races --replay " + file);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RACES seeds=%d..%d shard=%d/%d scenarios=%d schedules=%d findings=%d "
                        + "seconds=%.1f scenariosPerSecond=%.2f%n", from, to, shard, shards, scenarios, schedulesRun, findings,
                seconds, scenarios / seconds);
        assertEquals(0, findings, findings + " finding(s); reports and replay files above");
    }

    private static void replay(Path file) {
        ReplayFile.Replayed replayed = ReplayFile.replay(file);
        System.out.println("RACES REPLAY " + file + " exact=" + replayed.exact() + " recorded symptom="
                + replayed.recordedSymptom() + "\n" + replayed.finding().map(FindingReport::of).orElse("the run passed"));
        assertEquals(true, replayed.exact(), "the replay was not exact");
    }
}
