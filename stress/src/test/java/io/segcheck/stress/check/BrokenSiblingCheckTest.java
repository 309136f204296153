package io.segcheck.stress.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker must never turn "nothing happened" into a pass: no results file, a leftover file
 * from an earlier build, or a regex that selects no test all fail. (A real detection and a real
 * miss are exercised by {@code verify}'s broken run against this same class.)
 */
class BrokenSiblingCheckTest {

    private static final Pattern BROKEN = Pattern.compile("^io\\.segcheck\\.stress\\.jcstress\\..*Broken");

    @TempDir
    Path dir;

    @Test
    void missingResultsFileFailsTheCheck() throws Exception {
        File jar = Files.createFile(dir.resolve("jcstress.jar")).toFile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = BrokenSiblingCheck.run(dir.toFile(), jar, BROKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(1, exitCode);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("did not start or did not finish"), out::toString);
    }

    @Test
    void resultsFileOlderThanTheJarIsIgnored() throws Exception {
        File stale = Files.createFile(dir.resolve("jcstress-results-2000-01-01-00-00-00.bin.gz")).toFile();
        assertTrue(stale.setLastModified(1_000));
        File jar = Files.createFile(dir.resolve("jcstress.jar")).toFile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = BrokenSiblingCheck.run(dir.toFile(), jar, BROKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(1, exitCode);
    }

    @Test
    void regexSelectingNoTestFailsTheCheck() throws IOException, ClassNotFoundException {
        File jar = Files.createFile(dir.resolve("jcstress.jar")).toFile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = BrokenSiblingCheck.run(dir.toFile(), jar, Pattern.compile("NoSuchTest"),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(1, exitCode);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("no test in the jar matches"), out::toString);
    }
}
