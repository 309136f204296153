package io.segcheck.sim.cli;

import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.runner.ToyWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run, sweep and replay commands over the toy world: output shape and exit codes. */
class RunnerCommandsTest {

    /** The toy's counter bug (see ToyWorld): LOST_DATA, shrinks to four steps. */
    private static final String COUNTER_BUG = "CLEAR_ZEROES_RETURNED";
    private static final Pattern REPLAY_LINE = Pattern.compile("replay: \\./segcheck replay (\\S+)");

    @TempDir
    Path folder;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private record Result(ExitCode exit, String out, String err) {
    }

    private Result cli(SubjectFactory world, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        Map<String, Command> commands = new LinkedHashMap<>();
        // A clock that jumps three seconds per reading, so every seed is "long" enough for a progress line.
        for (Command command : List.<Command>of(new RunCommand((options, recorded) -> Target.of(world)),
                new SweepCommand((options, recorded) -> Target.of(world), new PrintStream(progress, true, StandardCharsets.UTF_8),
                        () -> nanos.addAndGet(3_000_000_000L)), new ReplayCommand((options, recorded) -> Target.of(world)))) {
            commands.put(command.name(), command);
        }
        ExitCode exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), commands);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result cli(String... args) {
        return cli(ToyWorld.plain(), args);
    }

    private static Path replayFile(Result result) {
        Matcher matcher = REPLAY_LINE.matcher(result.out());
        assertTrue(matcher.find(), "no replay line in:\n" + result.out());
        return Path.of(matcher.group(1));
    }

    @Test
    void cleanRunPrintsTheSeedAndSettingsFirstAndExitsZero() {
        Result result = cli("run", "--seed", "5", "--steps", "80");
        assertEquals(ExitCode.CLEAN, result.exit(), result.out() + result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).matches("SEED=5 steps=80 defects=none guardMode=(on|off) quarantineSlices=\\d+ budgetBytes=.*"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("swarm=add:"), lines.get(1));
        assertTrue(lines.get(2).startsWith("CLEAN 80 steps"), lines.get(2));
    }

    @Test
    void failingSweepPrintsSeedViolationNumberedStepsAndAReplayLineThatReproduces() throws Exception {
        Result sweep = cli("sweep", "--seeds", "0..300", "--defect", COUNTER_BUG, "--out", folder.toString());
        assertEquals(ExitCode.VIOLATION, sweep.exit(), sweep.out() + sweep.err());
        String out = sweep.out();
        assertTrue(out.lines().toList().get(1).startsWith("SEED="), out);
        assertTrue(out.contains("LOST_DATA: counter real="), out);
        assertTrue(out.contains("shrunk "), out);
        assertTrue(out.contains("    0  add 10\n") && out.contains("    3  sub 1\n"), out);
        assertTrue(out.contains("sweep FAILED at seed="), out);
        Path replay = replayFile(sweep);
        assertTrue(Files.isRegularFile(replay), replay.toString());

        Result again = cli("replay", replay.toString());
        assertEquals(ExitCode.VIOLATION, again.exit(), again.out() + again.err());
        assertTrue(again.out().startsWith("SEED="), again.out());
        assertTrue(again.out().contains("same failure as recorded: LOST_DATA"), again.out());

        Result fixed = cli("replay", replay.toString(), "--defect", "none");
        assertEquals(ExitCode.CLEAN, fixed.exit(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("recorded expect=LOST_DATA did not happen"), fixed.out());
    }

    @Test
    void runOfAFailingSeedWritesSeedNReplayAndItsTimeline() {
        Result sweep = cli("sweep", "--seeds", "0..300", "--defect", COUNTER_BUG, "--out", folder.toString());
        long seed = Long.parseLong(sweep.out().replaceAll("(?s).*sweep FAILED at seed=(\\d+).*", "$1"));
        Result run = cli("run", "--seed", Long.toString(seed), "--defect", COUNTER_BUG, "--out", folder.toString());
        assertEquals(ExitCode.VIOLATION, run.exit(), run.out());
        assertEquals(folder.resolve("seed-" + seed + ".replay"), replayFile(run));
        assertTrue(run.out().contains("timeline: " + folder.resolve("seed-" + seed + ".html")), run.out());
        assertTrue(Files.isRegularFile(folder.resolve("seed-" + seed + ".html")));
    }

    @Test
    void cleanSweepPrintsThroughputAndProgressOnStderr() {
        Result sweep = cli("sweep", "--seeds", "0..40", "--steps", "30");
        assertEquals(ExitCode.CLEAN, sweep.exit(), sweep.out() + sweep.err());
        assertTrue(sweep.out().startsWith("sweep seeds=0..40 (40 seeds) steps=30"), sweep.out());
        assertTrue(sweep.out().contains("sweep CLEAN: 40 seeds, 1200 steps in"), sweep.out());
        assertTrue(sweep.out().contains("steps/s"), sweep.out());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("sweep: 40/40 seeds (100%)"),
                progress.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shardRunsOnlyItsShareOfTheSeeds() {
        Result sweep = cli("sweep", "--seeds", "0..40", "--steps", "10", "--shard", "1/4", "--quiet");
        assertEquals(ExitCode.CLEAN, sweep.exit(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("sweep CLEAN: 10 seeds, 100 steps"), sweep.out());
        assertEquals("", progress.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sweepWithoutTheActionsABugNeedsIsCleanAndSaysWhatWasSwitchedOff() {
        Result found = cli("sweep", "--seeds", "0..300", "--defect", "EVICTION_SKIPS_RETURN", "--out", folder.toString());
        assertEquals(ExitCode.VIOLATION, found.exit(), found.out());
        Result without = cli("sweep", "--seeds", "0..300", "--defect", "EVICTION_SKIPS_RETURN", "--without", "open",
                "--out", folder.toString());
        assertEquals(ExitCode.CLEAN, without.exit(), without.out());
        assertTrue(without.out().startsWith("sweep seeds=0..300") && without.out().contains(" without=open"),
                without.out());
        assertUsage(cli("sweep", "--without", "opens"), "--without=opens: unknown action=opens");
    }

    @Test
    void exceptionInsideTheSubjectExitsWithTheInternalCode() {
        Result sweep = cli(ToyWorld.withExplosions(), "sweep", "--seeds", "0..300", "--out", folder.toString());
        assertEquals(ExitCode.INTERNAL, sweep.exit(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("internal error java.lang.IllegalStateException: toy explosion"), sweep.out());
        assertTrue(sweep.out().contains("    0  explode 13\n"), sweep.out());
        Result replay = cli(ToyWorld.withExplosions(), "replay", replayFile(sweep).toString());
        assertEquals(ExitCode.INTERNAL, replay.exit(), replay.out());
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameTheValue() {
        assertUsage(cli("run", "--steps", "5"), "--seed is required");
        assertUsage(cli("run", "--seed", "x"), "--seed=x is not an integer");
        assertUsage(cli("run", "--seed", "1", "--guard-mode", "maybe"), "--guard-mode=maybe must be on or off");
        assertUsage(cli("sweep", "--seeds", "9..3"), "seeds=9..3");
        assertUsage(cli("sweep", "--seeds", "a..b"), "--seeds=a..b must be A..B");
        assertUsage(cli("sweep", "--shard", "4/4"), "shard=4/4");
        assertUsage(cli("sweep", "--shard", "two"), "--shard=two must be i/n");
        assertUsage(cli("sweep", "--defect", "NOPE"), "unknown defect=NOPE");
        assertUsage(cli("sweep", "--steps", "-1"), "--steps=-1 must be in 0..");
        assertUsage(cli("sweep", "--colour"), "unknown option --colour");
        assertUsage(cli("replay"), "expected exactly one FILE");
        assertUsage(cli("replay", folder.resolve("missing.replay").toString()), "does not exist");
    }

    @Test
    void replayOfAFileThatIsNotAReplayIsAUsageError() throws Exception {
        Path file = Files.writeString(folder.resolve("notes.replay"), "hello\n");
        assertUsage(cli("replay", file.toString()), "is not a segcheck replay");
    }

    private static void assertUsage(Result result, String expected) {
        assertEquals(ExitCode.USAGE, result.exit(), result.out() + result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in:\n" + result.err());
    }
}
