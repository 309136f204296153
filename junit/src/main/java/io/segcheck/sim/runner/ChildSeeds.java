package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link ParallelSeeds}' work spread over this JVM and child JVMs: job 0 runs its seeds here,
 * every other job has a child JVM ({@link SeedProcesses}) that runs them and answers one line. With
 * {@code jobs} workers that is {@code jobs} JVMs in all, one of them this one. The children stay
 * until {@link #close}, so one instance can serve several runs (a benchmark's calls) warm.
 *
 * <p>Why processes: worlds on threads of one JVM share one address space, and every world maps
 * and unmaps regions, so each unmap in one world interrupts the other cores running that address
 * space to flush their TLBs, and the unmaps queue on one lock. Measured on 2 cores: a seed took 20 %
 * more CPU with two seed threads in one JVM than alone, while two JVMs side by side each ran a
 * seed in the CPU time of one alone (docs/evidence/parallel.md).
 *
 * <p>A child answers a clean seed with what the caller needs of it (its step count, marks, trace
 * hash); a failing seed is run again here, so its report, shrinking and replay file are made in
 * this JVM as at one job. A seed that failed in a child and passes here is reported as such by
 * {@link Codec#notReproduced}.
 */
public final class ChildSeeds<R> implements ParallelSeeds.Batching<R>, AutoCloseable {

    /** How a seed's result crosses the pipe. */
    public interface Codec<R> {
        /** The one line a child answers for {@code result}. */
        String encode(R result);

        /** The result of a child's line; empty when the seed must run again here (it failed there). */
        Optional<R> decode(long seed, String line);

        /** Whether {@code result}, run here, is a failure. */
        boolean failed(R result);

        /** The result for a seed that failed in a child ({@code line}) and passed here ({@code here}). */
        R notReproduced(long seed, String line, R here);
    }

    private final ParallelSeeds.Work<R> here;
    private final SeedProcesses children;
    private final Codec<R> codec;

    /** Seeds run by {@code here} on one worker thread and by children started with {@code childCommand}. */
    public ChildSeeds(ParallelSeeds.Work<R> here, List<String> childCommand, Codec<R> codec) {
        this.here = here;
        this.children = new SeedProcesses(childCommand);
        this.codec = codec;
    }

    /**
     * Seeds whose result is already one line, taken as the child answers it (the child serves with
     * {@link SeedProcesses#serve}); nothing is run again here.
     */
    public static ChildSeeds<String> ofLines(ParallelSeeds.Work<String> here, List<String> childCommand) {
        return new ChildSeeds<>(here, childCommand, new Codec<>() {
            @Override
            public String encode(String result) {
                return result;
            }

            @Override
            public Optional<String> decode(long seed, String line) {
                return Optional.of(line);
            }

            @Override
            public boolean failed(String result) {
                return false;
            }

            @Override
            public String notReproduced(long seed, String line, String here) {
                throw new IllegalStateException("a line is never run again");
            }
        });
    }

    /** Seeds a child is sent per exchange: it then runs them back to back instead of waiting for this JVM between seeds. */
    static final int CHILD_BATCH = 8;
    /** Seeds this JVM's worker thread claims at a time: their results are posted together, one wake-up of the caller. */
    static final int LOCAL_BATCH = 4;

    @Override
    public R run(long seed) {
        return runAll(new long[] {seed}).getFirst();
    }

    /**
     * {@link #LOCAL_BATCH} seeds at a time on this JVM's worker thread; {@link #CHILD_BATCH} per
     * exchange with a child.
     */
    @Override
    public int batchSize() {
        return isLocal() ? LOCAL_BATCH : CHILD_BATCH;
    }

    @Override
    public List<R> runAll(long[] seeds) {
        if (isLocal()) {
            return Arrays.stream(seeds).mapToObj(here::run).toList();
        }
        List<String> lines = children.runAll(seeds);
        List<R> results = new ArrayList<>(seeds.length);
        for (int k = 0; k < seeds.length; k++) {
            results.add(fromChild(seeds[k], lines.get(k)));
        }
        return results;
    }

    /** Job 0 runs its seeds here; every other job has a child. */
    private static boolean isLocal() {
        return ParallelSeeds.currentJob() == 0;
    }

    private R fromChild(long seed, String line) {
        Optional<R> decoded = codec.decode(seed, line);
        if (decoded.isPresent()) {
            return decoded.get();
        }
        R again = here.run(seed);
        return codec.failed(again) ? again : codec.notReproduced(seed, line, again);
    }

    @Override
    public void close() {
        children.close();
    }

    /** The child's side: answers each seed read from its input with the encoded result of {@code work}. */
    public static <R> void serve(java.io.BufferedReader seeds, java.io.PrintStream answers, ParallelSeeds.Work<R> work,
            Codec<R> codec) throws java.io.IOException {
        SeedProcesses.serve(seeds, answers, seed -> codec.encode(work.run(seed)));
    }
}
