package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --jobs 2} gives what {@code --jobs 1} gives, on segcheck's real worlds: the same output
 * lines in the same order, the same findings, the same replay files and timelines, the same
 * {@code --summary} file, the same trace hash per seed, the same lowest failing seed.
 *
 * <p>What is masked before comparing, and why: the wall-clock times and rates; the output folder,
 * which differs by construction; and native addresses ({@code 0x7f...}), which the kernel picks
 * anew in every process, so two {@code --jobs 1} runs differ in them too.
 */
class JobsDeterminismTest {

    @TempDir
    Path folder;

    private record Run(ExitCode exit, String out, Map<String, String> files) {
    }

    /**
     * Runs the CLI with {@code --jobs jobs --spread spread --out FOLDER/jobs-N-SPREAD} appended;
     * reads every file it wrote.
     */
    private Run cli(int jobs, String spread, String... args) throws IOException {
        Path out = folder.resolve("jobs-" + jobs + "-" + spread);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jobs", Integer.toString(jobs), "--spread", spread, "--out", out.toString(), "--quiet"));
        if (all.contains("--summary")) {
            all.set(all.indexOf("--summary") + 1, out.resolve("summary.tsv").toString());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ExitCode exit = Main.run(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> written = Files.list(out)) {
                for (Path file : written.toList()) {
                    files.put(file.getFileName().toString(), mask(Files.readString(file), out));
                }
            }
        }
        return new Run(exit, mask(stdout.toString(StandardCharsets.UTF_8), out), files);
    }

    private static String mask(String text, Path out) {
        return text.replace(out.toString(), "OUT")
                .replaceAll("0x[0-9a-f]+", "0xADDRESS")
                .replaceAll("\\d+\\.\\d+ s\\b", "T s")
                .replaceAll("\\d+ seeds/s.*", "RATES");
    }

    /**
     * Runs {@code args} on one job, on two threads and on two JVMs (this one and a child, see
     * {@link Spread}), asserts the three runs are the same, returns the first.
     */
    private Run sameOnOneAndTwoJobs(String... args) throws IOException {
        Run one = cli(1, "threads", args);
        for (String spread : List.of("threads", "processes")) {
            Run two = cli(2, spread, args);
            assertEquals(one.exit(), two.exit(), spread + ": " + two.out());
            assertEquals(one.out(), two.out(), spread);
            assertEquals(one.files().keySet(), two.files().keySet(), spread);
            one.files().forEach((name, text) -> assertEquals(text, two.files().get(name), spread + ": " + name));
            assertEquals(List.of(), seedServers(), spread + ": a child JVM outlived its run");
        }
        return one;
    }

    /** This JVM's child processes that serve seeds ({@link Spread#SERVE}). */
    private static List<ProcessHandle> seedServers() {
        return ProcessHandle.current().children().filter(child -> child.isAlive() && child.info().arguments()
                .map(arguments -> List.of(arguments).contains(Spread.SERVE)).orElse(false)).toList();
    }

    @Test
    void findingsOfADefectThatFailsManySeedsAreTheSame() throws IOException {
        Run one = sameOnOneAndTwoJobs("sweep", "--seeds", "0..80", "--defect", "RETURN_NOT_IDEMPOTENT", "--max-findings", "6");
        assertTrue(one.out().contains("sweep found 6 distinct finding(s)"), one.out());
        assertTrue(one.out().matches("(?s).*DOUBLE_RELEASE +returnPage +[2-9] .*"), "a finding of several seeds:\n"
                + one.out());
        assertTrue(one.files().keySet().stream().filter(name -> name.endsWith(".replay")).count() == 6, one.files()
                .keySet().toString());
    }

    @Test
    void theFirstFailureIsTheLowestFailingSeedNotTheFirstToFinish() throws IOException {
        Run one = sameOnOneAndTwoJobs("sweep", "--seeds", "0..200", "--defect", "EXHAUSTION_SKIPS_UNMAP", "--summary", "FILE");
        assertEquals(ExitCode.VIOLATION, one.exit(), one.out());
        assertTrue(one.out().contains("sweep FAILED at seed=11 after 12 seeds"), one.out());
    }

    @Test
    void aCleanSweepsMarksAndSummaryFileAreTheSameLinesInTheSameOrder() throws IOException {
        Run one = sameOnOneAndTwoJobs("sweep", "--seeds", "0..60", "--summary", "FILE");
        assertEquals(ExitCode.CLEAN, one.exit(), one.out());
        assertTrue(one.files().get("summary.tsv").contains("RELEASE_REJECTED_DOUBLE"), one.files().toString());
    }

    @Test
    void theSimulatorsTraceHashPerSeedIsTheSame() throws IOException {
        Run one = sameOnOneAndTwoJobs("sim", "--seeds", "0..40", "--hashes");
        assertEquals(40, one.out().lines().filter(line -> line.contains("traceHash=")).count(), one.out());
    }

    @Test
    void theSimulatorStopsAtTheSameFailingSeedWithTheSameHashesAndReplay() throws IOException {
        Run one = sameOnOneAndTwoJobs("sim", "--seeds", "0..100", "--hashes", "--defect", "GET_AND_GUARD_IGNORES_LIFE");
        assertEquals(ExitCode.VIOLATION, one.exit(), one.out());
        assertTrue(one.out().contains("sim FAILED at seed=19 after 20 seeds"), one.out());
        assertTrue(one.files().containsKey("sim-seed-19.replay"), one.files().keySet().toString());
    }
}
