package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.SeedProcesses;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A schedule does the same whatever ran before it in its JVM: seed 1's first schedules, run in a
 * fresh JVM as the first scenario there and in this JVM after seed 0's, give the same signatures
 * (every result, the order of every invocation and return, and the number of scheduling steps).
 * Without the warm-up of {@link WarmUp} the fresh JVM's first schedule took ~1500 steps more
 * (call sites linked inside it), and {@code races --jobs 2} reported another interleaving than
 * {@code --jobs 1}.
 */
class ScheduleInAnyJvmFrayTest {

    private static final int SCHEDULES = 6;

    @Test
    void aScheduleRunsTheSameInAFreshJvmAsAfterOtherSeeds() throws IOException, InterruptedException {
        Signatures.of(0, SCHEDULES, Defects.none());
        String afterSeedZero = Signatures.of(1, SCHEDULES, Defects.none());
        assertEquals(afterSeedZero, inAFreshJvm(1));
    }

    private static String inAFreshJvm(long seed) throws IOException, InterruptedException {
        List<String> command = SeedProcesses.likeThisJvm(SignatureWorker.class,
                List.of(Long.toString(seed), Integer.toString(SCHEDULES)),
                name -> name.startsWith("fray.") || name.startsWith("races.") || name.startsWith("segcheck."));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.waitFor(), "the fresh JVM failed; it answered: " + answer);
        return answer;
    }
}
