package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.SeedRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./segcheck races --jobs 2} (two worker JVMs) reports what {@code --jobs 1} (this JVM)
 * reports: the same findings of the same seeds in the same order, the same replay files, and no
 * replay file of a seed explored ahead of the last one reported; a warm-up's seeds change none of
 * it. Masked: native addresses, which
 * every process picks anew, the rates, and Fray's own log lines.
 */
class RacesJobsFrayTest {

    private record Run(int findings, String out, Map<String, String> replays) {
    }

    private static Run races(int jobs, Optional<SeedRange> warmUp) throws IOException {
        Path folder = RacesCommand.replayFile(0).getParent();
        deleteSeedReplays(folder);
        deleteSeedReplays(RacesCommand.stagedReplay(0).getParent());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int findings;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            findings = RacesCommand.explore(new SeedRange(0, 10, 0, 1), warmUp, 2, 8,
                    Defects.of(Defect.RETURN_NOT_IDEMPOTENT), jobs);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.contains("[INFO]: Run finished") && !line.isBlank())
                .map(line -> line.replaceAll("0x[0-9a-f]+", "0xADDRESS")
                        .replaceAll("seconds=.*", "TIMES"))
                .collect(Collectors.joining("\n"));
        Map<String, String> replays = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return new Run(findings, out, replays);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(RacesJobsFrayTest::isSeedReplay).toList()) {
                // a replay file's comment lines hold the date it was written
                replays.put(file.getFileName().toString(), Files.readString(file).replaceAll("(?m)^#.*\n", ""));
            }
        }
        return new Run(findings, out, replays);
    }

    /**
     * The replay files the races command writes (seed-N), and only those: the folder is shared with
     * the twins' and the clean seeds' files, written meanwhile by the test JVM running beside this one.
     */
    private static void deleteSeedReplays(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(RacesJobsFrayTest::isSeedReplay).toList()) {
                Files.delete(file);
            }
        }
    }

    private static boolean isSeedReplay(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().startsWith("seed-");
    }

    @Test
    void twoWorkerJvmsReportWhatOneJvmReports() throws IOException {
        Run one = races(1, Optional.empty());
        Run two = races(2, Optional.empty());
        assertEquals(2, one.findings(), one.out());
        assertTrue(one.out().contains("RACES FINDING seed="), one.out());
        assertEquals(one.findings(), two.findings());
        assertEquals(one.out(), two.out());
        assertEquals(one.replays(), two.replays());
        assertFalse(two.replays().containsKey("staged"),
                "a seed explored ahead left its replay: " + two.replays().keySet());
    }

    /** A warm-up's seeds are explored but neither reported nor left as replay files; what follows is as without it. */
    @Test
    void aWarmUpChangesNothingReported() throws IOException {
        Run plain = races(2, Optional.empty());
        Run warm = races(2, Optional.of(SeedRange.of(10, 14)));
        assertEquals(2, plain.findings(), plain.out());
        assertEquals(plain.findings(), warm.findings());
        assertEquals(plain.out(), warm.out());
        assertEquals(plain.replays(), warm.replays());
    }
}
