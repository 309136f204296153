package io.segcheck.sim.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** Helpers for the tests that drive the real world: the factory, and failure messages a person can act on. */
final class WorldRuns {

    /**
     * Where failing tests write their replay files, the same folder the CLI uses; absolute, because
     * surefire runs in {@code sim/} and the printed replay line must work from the project root too.
     */
    static final Path FAILURE_DIR = Path.of("target", "segcheck-failures").toAbsolutePath();

    private WorldRuns() {
    }

    static SubjectFactory world() {
        return new io.segcheck.sim.world.WorldFactory();
    }

    /**
     * The whole failure story: SEED line and settings, violation, numbered shrunk steps, and the
     * replay line of the file written for it.
     */
    static String story(RunReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        FailureReport.printSettings(out, report.config(), report.weights());
        Optional<Path> replay = Optional.empty();
        if (!report.clean()) {
            try {
                replay = Optional.of(FailureReport.writeReplay(report, FAILURE_DIR));
            } catch (IOException notWritten) {
                throw new UncheckedIOException(notWritten);
            }
        }
        FailureReport.printResult(out, report, replay);
        return text.toString(StandardCharsets.UTF_8);
    }
}
