package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.ThreadRandomSeeding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seed gives the same run on any machine. The per-seed trace hashes of {@link CachePressure} (the
 * simulator's machine-dependent paths made frequent) and of the sequence runner's worlds are computed
 * in two fresh JVMs, one with this machine's processor count and one with another, as another
 * machine would see: Caffeine sizes
 * its write buffer (and its read buffer's stripes) by it, and the second JVM also has its own identity
 * hash codes, {@code mmap} addresses and {@code ThreadLocalRandom} seeds.
 *
 * <p>What each hash once depended on, and what removed it: Caffeine's random admission of a warm
 * candidate ({@link ThreadRandomSeeding}); the point where a full write buffer ran maintenance inline
 * ({@code CacheHandle.MAX_PENDING_WRITES}); the kind of refusal a late release gets after its region
 * was unmapped ({@code Calls.traced}).
 */
class CrossMachineDeterminismTest {

    private static final long CACHE_PRESSURE_SEEDS = 40;
    private static final long RUNNER_SEEDS = 40;

    @Test
    void cachePressureSeedsGiveTheSameTraceHashesInAJvmWithAnotherProcessorCount() throws Exception {
        assertSameHashesInASecondJvm("cache-pressure", CACHE_PRESSURE_SEEDS);
    }

    @Test
    void sequenceRunnerSeedsGiveTheSameTraceHashesInAJvmWithAnotherProcessorCount() throws Exception {
        assertSameHashesInASecondJvm("runner", RUNNER_SEEDS);
    }

    /** The workload is only worth its time if it reaches the paths it was built for. */
    @Test
    void theCachePressureWorkloadReachesThePathsItIsFor() {
        int maintenanceInsideWrites = 0;
        int refusalsAfterUnmap = 0;
        int sizeEvictions = 0;
        for (long seed = 0; seed < 12; seed++) {
            RunOutcome outcome = Simulator.execute(CachePressure.config(seed), CachePressure.settings(),
                    CachePressure.schedule(seed), true);
            assertTrue(outcome.clean(), "seed=" + seed + ": " + outcome.sentence());
            for (String line : outcome.trace()) {
                boolean write = line.startsWith("w0 put ") || line.startsWith("w2 invalidate ");
                maintenanceInsideWrites += write && line.contains(" evicted:") ? 1 : 0;
                refusalsAfterUnmap += line.contains("err:REFUSED_AFTER_UNMAP") ? 1 : 0;
                sizeEvictions += line.split("evicted:SIZE", -1).length - 1;
            }
        }
        assertTrue(maintenanceInsideWrites > 0, "no write ran Caffeine's maintenance");
        assertTrue(refusalsAfterUnmap > 0, "no late release after an unmap");
        assertTrue(sizeEvictions > 100, "only " + sizeEvictions + " size evictions");
    }

    /**
     * Both sides run in fresh JVMs, one with this machine's processor count running the seeds
     * forwards, one with another count running them backwards: a seed's hash may depend neither on
     * the machine nor on what ran before it in the JVM (a replay runs one seed in a fresh JVM, a
     * sweep runs it after others).
     */
    private static void assertSameHashesInASecondJvm(String workload, long seeds)
            throws IOException, InterruptedException {
        assertTrue(ThreadRandomSeeding.available(), "this JVM needs --add-opens=java.base/java.lang=ALL-UNNAMED");
        int mine = Runtime.getRuntime().availableProcessors();
        int other = mine == 1 ? 2 : 1; // Caffeine's buffers differ either way (128 vs 256 writes)
        Process first = jvm(workload, seeds, mine, "forwards");
        Process second = jvm(workload, seeds, other, "backwards");
        List<String> here = hashLines(first);
        List<String> there = hashLines(second);
        assertEquals(seeds, here.size(), "the first JVM printed another number of seeds: " + here);
        assertEquals(here.size(), there.size(), "the second JVM printed another number of seeds: " + there);
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < here.size(); i++) {
            if (!here.get(i).equals(there.get(i))) {
                differing.add(mine + " CPU(s), forwards:  " + here.get(i) + "\n" + other + " CPU(s), backwards: "
                        + there.get(i));
            }
        }
        assertTrue(differing.isEmpty(), differing.size() + " of " + seeds + " " + workload
                + " seeds differ between a JVM with " + mine + " processor(s) running them forwards and one with "
                + other + " running them backwards:\n"
                + String.join("\n", differing));
    }

    private static Process jvm(String workload, long seeds, int processors, String order) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-XX:ActiveProcessorCount=" + processors,
                "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-ea",
                "-cp", System.getProperty("java.class.path"), TraceHashes.class.getName(), workload, "0",
                Long.toString(seeds), order)
                .redirectErrorStream(true).start();
    }

    private static List<String> hashLines(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "a JVM did not finish");
        assertEquals(0, process.exitValue(), "a JVM failed:\n" + output);
        return output.lines().filter(line -> line.startsWith("seed=")).toList();
    }
}
