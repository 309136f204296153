package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeds run in child JVMs come back in seed order with the children's answers; a child's other
 * output is passed over; a child that dies names the seed it died on.
 */
class SeedProcessesTest {

    /** A child: answers a seed with its square and the child's process id, after a line of noise; exits at seed 13 when told. */
    public static final class Squares {
        public static void main(String[] args) throws IOException {
            boolean dieAt13 = args.length > 0 && args[0].equals("die-at-13");
            SeedProcesses.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                    seed -> {
                        if (dieAt13 && seed == 13) {
                            System.exit(3);
                        }
                        System.out.println("noise that is not an answer " + seed);
                        return seed * seed + " " + ProcessHandle.current().pid();
                    });
        }
    }

    private static List<String> squares(String... arguments) {
        return SeedProcesses.likeThisJvm(Squares.class, List.of(arguments), name -> false);
    }

    @Test
    void answersComeBackInSeedOrderFromChildProcesses() {
        List<Long> seeds = new ArrayList<>();
        List<Long> squares = new ArrayList<>();
        Set<Long> processes = new HashSet<>();
        try (SeedProcesses children = new SeedProcesses(squares())) {
            ParallelSeeds.run(SeedRange.of(0, 30), 2, children, (seed, answer) -> {
                String[] parts = answer.split(" ");
                seeds.add(seed);
                squares.add(Long.parseLong(parts[0]));
                processes.add(Long.parseLong(parts[1]));
                return true;
            });
        }
        for (int seed = 0; seed < 30; seed++) {
            assertEquals(seed, seeds.get(seed));
            assertEquals((long) seed * seed, squares.get(seed));
        }
        assertTrue(processes.size() <= 2, "one child per job at most: " + processes);
        assertTrue(processes.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()),
                "a seed ran in this JVM: " + processes);
    }

    @Test
    void aChildThatDiesNamesTheSeedInItsTurn() {
        List<Long> delivered = new ArrayList<>();
        IllegalStateException died = assertThrows(IllegalStateException.class, () -> {
            try (SeedProcesses children = new SeedProcesses(squares("die-at-13"))) {
                ParallelSeeds.run(SeedRange.of(0, 20), 1, children, (seed, answer) -> delivered.add(seed));
            }
        });
        assertEquals("seed=13: the seed process ended without an answer (exit code 3)", died.getMessage());
        assertEquals(13, delivered.size(), "seeds 0..12 were delivered before the failure");
    }

    @Test
    void anAnswerOfSeveralLinesIsRefusedByTheChild() {
        assertThrows(IllegalArgumentException.class, () -> SeedProcesses.serve(
                new BufferedReader(new java.io.StringReader("1\n")), System.out, seed -> "two\nlines"));
    }
}
