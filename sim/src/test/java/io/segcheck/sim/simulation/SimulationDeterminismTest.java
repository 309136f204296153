package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Switches;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.TraceHash;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same seed, same trace hash: twice in this JVM, and in a second JVM process (a sample of seeds),
 * which catches what one JVM hides (identity hash codes, addresses, class names of lambdas).
 */
class SimulationDeterminismTest {

    private static final long FIRST_SEED = 100;
    private static final long END_SEED = 112;

    @Test
    void sameSeedGivesTheSameTraceHashTwiceInOneJvm() {
        for (long seed = FIRST_SEED; seed < END_SEED; seed++) {
            assertEquals(hashLine(seed), hashLine(seed), "seed=" + seed);
        }
        assertNotEquals(hashLine(FIRST_SEED), hashLine(FIRST_SEED + 1), "different seeds should not collide");
    }

    @Test
    void sameSeedsGiveTheSameTraceHashesInASecondJvm() throws IOException, InterruptedException {
        List<String> expected = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < END_SEED; seed++) {
            expected.add(hashLine(seed));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-ea",
                "-cp", System.getProperty("java.class.path"), "io.segcheck.sim.cli.Main", "sim",
                "--seeds", FIRST_SEED + ".." + END_SEED, "--hashes", "--quiet")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the second JVM did not finish");
        List<String> actual = output.lines().filter(line -> line.startsWith("seed=")).toList();
        assertEquals(expected, actual, "trace hashes differ between JVMs; second JVM said:\n" + output);
    }

    private static String hashLine(long seed) {
        RunConfig config = Simulator.config(seed, Simulator.DEFAULT_STEPS, Switches.none(), Checking.LOCKSTEP);
        SimulationSettings settings = SimulationSettings.forSeed(seed, SimulationSettings.DEFAULT_WORKERS, true);
        var outcome = Simulator.execute(config, settings, Simulator.schedule(config, settings), false);
        return "seed=" + seed + " traceHash=" + TraceHash.hex(outcome.traceHash()) + " "
                + outcome.signature().orElse("clean");
    }
}
