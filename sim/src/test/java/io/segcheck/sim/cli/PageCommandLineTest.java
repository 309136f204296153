package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --page FACTORY}: sweep, replay and the usage errors of a team's page class from the command line. */
class PageCommandLineTest {

    /** segcheck's page with its return made non-idempotent: a page factory a command line can name. */
    public static final class ReturnNotIdempotentPages extends KeyValueLeafPageFactory {
        public ReturnNotIdempotentPages() {
            super(Defects.of(Defect.RETURN_NOT_IDEMPOTENT));
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void segchecksOwnPageSweepsCleanThroughThePageSeam() {
        assertEquals(ExitCode.CLEAN, run("sweep", "--seeds", "0..5", "--quiet", "--page",
                KeyValueLeafPageFactory.class.getName()), output() + err);
        assertTrue(output().contains("page=segcheck-page allocator=segcheck"), output());
    }

    @Test
    void aPlantedPageBugIsFoundShrunkAndReplayedFromItsFile(@TempDir Path folder) {
        assertEquals(ExitCode.VIOLATION, run("sweep", "--seeds", "0..20", "--quiet", "--out", folder.toString(),
                "--page", ReturnNotIdempotentPages.class.getName()), output() + err);
        assertTrue(output().contains("DOUBLE_RELEASE"), output());
        String replayLine = output().lines().filter(line -> line.startsWith("replay: ")).findFirst().orElseThrow();
        assertTrue(replayLine.contains("--page"), "the replay line rebuilds the page binding: " + replayLine);
        Path file = Path.of(replayLine.substring("replay: ".length()).split(" ")[2]);
        assertEquals(ExitCode.VIOLATION, run("replay", file.toString()), output() + err);
        assertTrue(output().contains("DOUBLE_RELEASE"), "the file remembers --page: " + output());
    }

    @Test
    void aClassThatIsNoPageFactoryIsAUsageError() {
        assertEquals(ExitCode.USAGE, run("sweep", "--seeds", "0..1", "--page", "java.lang.String"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not implement io.segcheck.api.PageFactory"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void segchecksOwnPageSimulatesCleanWithEveryRole() {
        assertEquals(ExitCode.CLEAN, run("sim", "--seeds", "0..5", "--quiet", "--page",
                KeyValueLeafPageFactory.class.getName()), output() + err);
        assertTrue(output().contains("roles=WRITER,RETURNER,CLEARER,RESETTER,GUARD_HOLDER,POOL_USER"), output());
        assertTrue(output().contains("sim CLEAN: 5 seeds"), output());
    }

    @Test
    void theSimulatorFindsShrinksAndReplaysAPlantedPageBugFromItsFile(@TempDir Path folder) {
        assertEquals(ExitCode.VIOLATION, run("sim", "--seeds", "0..20", "--quiet", "--out", folder.toString(),
                "--page", ReturnNotIdempotentPages.class.getName()), output() + err);
        assertTrue(output().contains("DOUBLE_RELEASE") && output().contains("SIM page workers="), output());
        String replayLine = output().lines().filter(line -> line.startsWith("replay: ")).findFirst().orElseThrow();
        Path file = Path.of(replayLine.substring("replay: ".length()).split(" ")[2]);
        assertEquals(ExitCode.VIOLATION, run("replay", file.toString()), output() + err);
        assertTrue(output().contains("same failure as recorded: DOUBLE_RELEASE"), "the file remembers the page"
                + " simulation: " + output());
    }

    @Test
    void theSimulatorTakesNoCoverageNorDefectForAPage() {
        assertEquals(ExitCode.USAGE, run("sim", "--coverage", "allocator", "--page",
                KeyValueLeafPageFactory.class.getName()));
        assertEquals(ExitCode.USAGE, run("sim", "--defect", "RETURN_NOT_IDEMPOTENT", "--page",
                KeyValueLeafPageFactory.class.getName()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--defect does not apply to sim --page"),
                err.toString(StandardCharsets.UTF_8));
    }
}
