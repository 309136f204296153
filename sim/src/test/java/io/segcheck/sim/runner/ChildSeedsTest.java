package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeds spread over this JVM and a child: both run seeds, results come in seed order, a seed the
 * child reports failed is run again here, and one that then passes here is reported as not
 * reproduced instead of counting as clean.
 */
class ChildSeedsTest {

    private static final long THIS_JVM = ProcessHandle.current().pid();

    /** A child that answers {@code pid} for a seed, and {@code failed} for the seeds named in its arguments. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            List<String> failing = List.of(args);
            SeedProcesses.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                    seed -> failing.contains(Long.toString(seed)) ? "failed" : "ran-in " + ProcessHandle.current().pid());
        }
    }

    /** A child that answers its pid and the core its parent laid out for it. */
    public static final class PidAndCore {
        public static void main(String[] args) throws IOException {
            SeedProcesses.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                    seed -> ProcessHandle.current().pid() + " " + System.getenv(CorePinning.CPU_VARIABLE));
        }
    }

    /**
     * Results are words: {@code ran-in PID}, {@code failed-here}, {@code not-reproduced ...}. Counts
     * the child's answers down on {@code childAnswered}, so the local work can wait for the child's
     * first answer: else this JVM, whose work is instant, could take every seed before the child
     * has started, and the test would depend on timing.
     */
    private static class Words implements ChildSeeds.Codec<String> {
        private final CountDownLatch childAnswered;

        Words(CountDownLatch childAnswered) {
            this.childAnswered = childAnswered;
        }

        @Override
        public String encode(String result) {
            return result;
        }

        @Override
        public Optional<String> decode(long seed, String line) {
            childAnswered.countDown();
            return line.equals("failed") ? Optional.empty() : Optional.of(line);
        }

        @Override
        public boolean failed(String result) {
            return result.equals("failed-here");
        }

        @Override
        public String notReproduced(long seed, String line, String here) {
            return "not-reproduced " + line + " / " + here;
        }
    }

    /** Runs seeds 0..39 on two jobs, the local work failing {@code failingHere}; the results in delivery order. */
    private static List<String> run(List<Long> failingHere, String... failingInChild) {
        List<Long> order = new ArrayList<>();
        List<String> results = new ArrayList<>();
        CountDownLatch childAnswered = new CountDownLatch(1);
        ParallelSeeds.Work<String> here = seed -> {
            awaitChild(childAnswered);
            return failingHere.contains(seed) ? "failed-here" : "ran-in " + THIS_JVM;
        };
        try (ChildSeeds<String> spread = new ChildSeeds<>(here,
                SeedProcesses.likeThisJvm(Child.class, List.of(failingInChild), name -> false), new Words(childAnswered))) {
            ParallelSeeds.run(SeedRange.of(0, 40), 2, spread, (seed, result) -> {
                order.add(seed);
                results.add(result);
                return true;
            });
        }
        for (int seed = 0; seed < 40; seed++) {
            assertEquals(seed, order.get(seed), "results in seed order");
        }
        return results;
    }

    /** Waits for the child's first answer; a seed run again here after a child's answer does not wait. */
    private static void awaitChild(CountDownLatch childAnswered) {
        try {
            if (!childAnswered.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the child never answered a seed");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    @Test
    void thisJvmAndAChildBothRunSeeds() {
        List<String> results = run(List.of());
        assertTrue(results.contains("ran-in " + THIS_JVM), "no seed ran here: " + results);
        assertTrue(results.stream().anyMatch(result -> result.startsWith("ran-in ") && !result.equals("ran-in " + THIS_JVM)),
                "no seed ran in a child: " + results);
    }

    @Test
    void aSeedThatFailedInTheChildIsRunAgainHereAndItsFailureKept() {
        List<Long> everySeed = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            everySeed.add(seed);
        }
        List<String> failingInChild = everySeed.stream().map(String::valueOf).toList();
        List<String> results = run(everySeed, failingInChild.toArray(String[]::new));
        assertEquals(40, results.stream().filter(result -> result.equals("failed-here")).count(), results.toString());
    }

    @Test
    void aSeedThatFailedInTheChildAndPassesHereIsNotReproducedNotClean() {
        List<String> everySeed = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            everySeed.add(Long.toString(seed));
        }
        List<String> results = run(List.of(), everySeed.toArray(String[]::new));
        assertTrue(results.stream().anyMatch(result -> result.equals("not-reproduced failed / ran-in " + THIS_JVM)),
                "a child's failure that passes here must not count as clean: " + results);
        assertTrue(results.stream().noneMatch(result -> result.startsWith("ran-in ") && !result.equals("ran-in " + THIS_JVM)),
                results.toString());
    }

    @Test
    void eachJobKeepsOneChildAcrossRunsAndTheChildIsToldItsJobsCore() {
        // each run's local work waits for that run's first answer from the child, so every run uses it
        AtomicReference<CountDownLatch> childAnswered = new AtomicReference<>();
        List<String> answers = new ArrayList<>();
        ParallelSeeds.Work<String> here = seed -> {
            awaitChild(childAnswered.get());
            return THIS_JVM + " here";
        };
        ChildSeeds.Codec<String> lines = new Words(null) {
            @Override
            public Optional<String> decode(long seed, String line) {
                childAnswered.get().countDown();
                return Optional.of(line);
            }
        };
        try (ChildSeeds<String> spread = new ChildSeeds<>(here,
                SeedProcesses.likeThisJvm(PidAndCore.class, List.of(), name -> false), lines)) {
            for (int run = 0; run < 3; run++) {
                childAnswered.set(new CountDownLatch(1));
                List<String> thisRun = new ArrayList<>();
                ParallelSeeds.run(SeedRange.of(run * 40L, run * 40L + 40), 2, spread, (seed, answer) -> {
                    thisRun.add(answer);
                    return true;
                });
                assertTrue(thisRun.stream().anyMatch(answer -> !answer.endsWith(" here")), "run " + run + " used no child");
                answers.addAll(thisRun);
            }
        }
        List<String> fromChildren = answers.stream().filter(answer -> !answer.endsWith(" here")).distinct().toList();
        String core = CorePinning.cpuForJob(1).isPresent() ? Integer.toString(CorePinning.cpuForJob(1).getAsInt()) : "null";
        assertEquals(1, fromChildren.size(), "one child, kept warm from run to run: " + fromChildren);
        assertTrue(fromChildren.getFirst().endsWith(" " + core), "job 1's child is told job 1's core: " + fromChildren);
        assertTrue(answers.contains(THIS_JVM + " here"), "job 0 runs here");
    }
}
