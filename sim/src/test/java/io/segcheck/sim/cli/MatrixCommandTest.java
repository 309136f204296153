package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defect;
import io.segcheck.sim.matrix.Cell;
import io.segcheck.sim.matrix.Depth;
import io.segcheck.sim.matrix.Detector;
import io.segcheck.sim.matrix.Verdict;
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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix and merge commands end to end, with detectors that answer without running anything. */
class MatrixCommandTest {

    /** Catches every defect but {@code blindTo}, which it misses on purpose. */
    private record Selective(Defect blindTo) implements Detector {
        @Override
        public String name() {
            return "selective";
        }

        @Override
        public String technique() {
            return "misses " + blindTo + " on purpose";
        }

        @Override
        public Optional<String> notApplicable(Defect defect) {
            return Optional.empty();
        }

        @Override
        public Cell detect(Defect defect, Depth depth) {
            Verdict verdict = defect == blindTo ? Verdict.MISSED : Verdict.CAUGHT;
            return new Cell(defect.name(), name(), verdict, 0.1, 1, "seeds", 2, "LEAK", "");
        }
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private ExitCode run(Detector detector, String... args) {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("matrix", new MatrixCommand((results, jobs) -> List.of(detector), out, () -> 0));
        commands.put("merge", new MergeCommand());
        return Main.run(args, out, out, commands);
    }

    @Test
    void aDefectThatEscapesEveryDetectorFailsTheQuickMatrix(@TempDir Path dir) {
        ExitCode exit = run(new Selective(Defect.EVICTION_SKIPS_RETURN), "matrix", "--quick", "--out", dir.toString());
        assertEquals(ExitCode.VIOLATION, exit, printed::toString);
        assertTrue(printed.toString().contains("FAILED: [EVICTION_SKIPS_RETURN] escaped every detector"),
                printed::toString);
    }

    @Test
    void aMatrixThatCatchesEverythingPassesAndWritesItsReports(@TempDir Path dir) {
        ExitCode exit = run(new Selective(null), "matrix", "--quick", "--out", dir.toString());
        assertEquals(ExitCode.CLEAN, exit, printed::toString);
        assertTrue(Files.exists(dir.resolve("matrix.md")));
        assertTrue(Files.exists(dir.resolve("matrix.html")));
        assertTrue(Files.exists(dir.resolve("summary.tsv")));
    }

    @Test
    void shardsNeverFailAloneButTheirMergeDoes(@TempDir Path dir) {
        Selective detector = new Selective(Defect.values()[0]);
        for (int shard = 0; shard < 2; shard++) {
            // One detector: a row is one cell, so the shard holding the missed cell fails, the other passes.
            run(detector, "matrix", "--quick", "--shard", shard + "/2", "--out", dir.resolve("s" + shard).toString());
        }
        printed.reset();
        assertEquals(ExitCode.VIOLATION, run(detector, "merge", "--out", dir.resolve("merged").toString(),
                dir.toString()), printed::toString);
        assertTrue(printed.toString().contains("escaped=[" + Defect.values()[0].name() + "]"), printed::toString);
    }

    /** A detector whose records are missing: every cell NOT_RUN, naming the command that writes them. */
    private record Absent() implements Detector {
        @Override
        public String name() {
            return "recorded";
        }

        @Override
        public String technique() {
            return "reads records another build writes";
        }

        @Override
        public Optional<String> notApplicable(Defect defect) {
            return Optional.empty();
        }

        @Override
        public Cell detect(Defect defect, Depth depth) {
            return Cell.notRun(defect.name(), name(), "no records; run ./segcheck mvn -pl fray -am verify");
        }
    }

    @Test
    void aDefectOnlyADetectorThatDidNotRunCouldCatchIsNotRunNotEscaped(@TempDir Path dir) {
        Selective blind = new Selective(Defect.EVICTION_SKIPS_RETURN);
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("matrix", new MatrixCommand((results, jobs) -> List.of(blind, new Absent()), out, () -> 0));
        ExitCode exit = Main.run(new String[] {"matrix", "--quick", "--out", dir.toString()}, out, out, commands);
        assertEquals(ExitCode.INCOMPLETE, exit, printed::toString);
        String text = printed.toString();
        assertFalse(text.contains("escaped every detector"), text);
        assertTrue(text.contains("NOT RUN EVICTION_SKIPS_RETURN: caught by no detector that ran; not run: recorded"),
                text);
        assertTrue(text.contains("./segcheck mvn -pl fray -am verify"), "names the command that runs it: " + text);
        assertTrue(text.contains("matrix INCOMPLETE"), text);
    }

    @Test
    void badShardIsAUsageError() {
        assertEquals(ExitCode.USAGE, run(new Selective(null), "matrix", "--shard", "3/2"));
    }
}
