package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one piece of work per seed on up to {@code jobs} threads and hands the results to the
 * calling thread in seed order, so whatever the caller decides from them (the first failing seed,
 * the findings, the marks, the lines it prints) is what one thread would have decided.
 *
 * <p>A seed's work builds its own world (allocator, pages, caches), so seeds share nothing and a
 * seed's outcome does not depend on the thread it ran on or on the seeds running beside it. Workers
 * run at most {@code aheadPerJob * jobs} seeds ahead of the caller, which bounds the results held in
 * memory; when the caller stops, no seed above the ones already started is run, and the seeds in
 * flight finish (a world is never abandoned half-built) before {@link #run} returns.
 */
public final class ParallelSeeds {

    /** Seeds a worker may run ahead of the caller, per job: enough that a slow seed does not idle the others. */
    private static final int AHEAD_PER_JOB = 8;
    /** The most seeds one claim of a {@link Batching} worker takes. */
    private static final int MAX_BATCH = 16;

    /** One seed's work; it must build everything it touches, so it can run on any thread. */
    @FunctionalInterface
    public interface Work<R> {
        R run(long seed);
    }

    /**
     * Work that runs several seeds in one exchange on some worker threads: a child JVM is sent a
     * batch of seeds at once and answers them back to back, where one seed per exchange left it
     * idle for every round trip, waiting for this JVM's worker thread to get a core back and send
     * the next seed (on 2 busy cores that cost the simulator a sixth of its throughput).
     */
    public interface Batching<R> extends Work<R> {
        /** How many seeds the calling worker thread claims at a time (1: one by one). */
        int batchSize();

        /** The results of {@code seeds}, in their order. */
        List<R> runAll(long[] seeds);
    }

    /** Told of each seed's result in seed order, on the calling thread; returns false when no later seed is needed. */
    @FunctionalInterface
    public interface Sink<R> {
        boolean accept(long seed, R result);
    }

    /** The job a worker thread runs; 0 on the caller's thread, which runs the seeds itself at one job. */
    private static final ThreadLocal<Integer> JOB = ThreadLocal.withInitial(() -> 0);

    private ParallelSeeds() {
    }

    /**
     * The index of the job the calling thread runs seeds for, from 0 to {@code jobs - 1}: work that
     * keeps something per job (a child JVM, a core) asks this. Any thread but a worker's is job 0.
     */
    public static int currentJob() {
        return JOB.get();
    }

    /** The machine's processors: the default of {@code --jobs}. */
    public static int defaultJobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code work} for the seeds of {@code seeds} on {@code jobs} threads (the calling thread
     * alone when {@code jobs} is 1) and hands each result to {@code sink} in seed order until it
     * returns false. A seed whose work threw rethrows, in its turn, on the calling thread.
     */
    public static <R> void run(SeedRange seeds, int jobs, Work<R> work, Sink<R> sink) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1");
        }
        if (jobs == 1 || seeds.size() <= 1) {
            for (PrimitiveIterator.OfLong iterator = seeds.iterator(); iterator.hasNext(); ) {
                long seed = iterator.nextLong();
                if (!sink.accept(seed, work.run(seed))) {
                    return;
                }
            }
            return;
        }
        // A batch worker claims several seeds at once: room for two more batches per job beyond the
        // usual lead, so a worker never waits for the caller to take a batch another worker holds.
        int aheadPerJob = AHEAD_PER_JOB + (work instanceof Batching<R> ? 2 * MAX_BATCH : 0);
        Queue<R> queue = new Queue<>(seeds.iterator(), (int) Math.min(jobs, seeds.size()) * aheadPerJob);
        List<Thread> workers = new ArrayList<>();
        try {
            for (int index = 0; index < Math.min(jobs, seeds.size()); index++) {
                int job = index;
                workers.add(Thread.ofPlatform().daemon().name("segcheck-seeds-" + index).start(() -> {
                    JOB.set(job);
                    queue.work(work);
                }));
            }
            for (long index = 0; index < seeds.size(); index++) {
                Done<R> done = queue.take(index);
                if (!sink.accept(done.seed, done.value())) {
                    return;
                }
            }
        } finally {
            queue.stop();
            joinAll(workers);
        }
    }

    /** Waits for the workers' seeds in flight; an interrupt is kept for the caller, not lost. */
    private static void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException interrupt) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One seed's result, or what its work threw. */
    private record Done<R>(long seed, R result, Throwable failure) {
        R value() {
            if (failure == null) {
                return result;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("seed=" + seed + ": " + failure, failure);
        }
    }

    /** The seeds handed out in order, and the results waiting for the caller, under one lock. */
    private static final class Queue<R> {
        private final ReentrantLock lock = new ReentrantLock();
        /** Signalled when the result the caller waits for (index {@code takenIndex}) is posted. */
        private final Condition resultReady = lock.newCondition();
        /** Signalled when the caller takes a result and workers wait for the window to move. */
        private final Condition windowMoved = lock.newCondition();
        private int waitingWorkers;
        private final PrimitiveIterator.OfLong seeds;
        private final int window;
        private final Map<Long, Done<R>> results = new HashMap<>();
        private long nextIndex;
        private long takenIndex;
        private boolean stopped;

        Queue(PrimitiveIterator.OfLong seeds, int window) {
            this.seeds = seeds;
            this.window = window;
        }

        /** A worker's loop: claim the next seeds, run them, post the results, until stopped or out of seeds. */
        void work(Work<R> work) {
            int batch = work instanceof Batching<R> batching ? Math.clamp(batching.batchSize(), 1, MAX_BATCH) : 1;
            long[] indexes = new long[batch];
            long[] claimed = new long[batch];
            for (int count = claim(indexes, claimed); count > 0; count = claim(indexes, claimed)) {
                List<R> results = count > 1 ? batchOrNull((Batching<R>) work, Arrays.copyOf(claimed, count)) : null;
                List<Done<R>> done = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    done.add(results != null ? new Done<>(claimed[k], results.get(k), null) : one(work, claimed[k]));
                }
                post(indexes, done);
            }
        }

        /** The batch's results; null when it threw, so each seed runs again alone and only its own failure is its. */
        private static <R> List<R> batchOrNull(Batching<R> work, long[] seeds) {
            try {
                return work.runAll(seeds);
            } catch (RuntimeException | Error failure) {
                return null;
            }
        }

        private static <R> Done<R> one(Work<R> work, long seed) {
            try {
                return new Done<>(seed, work.run(seed), null);
            } catch (Throwable failure) { // posted, so the caller rethrows it in seed order instead of waiting forever
                return new Done<>(seed, null, failure);
            }
        }

        /**
         * Fills {@code indexes} and {@code seeds} with up to their length of the next seeds, once the
         * first is within the window (the rest as far as it reaches); the count, 0 when there is none.
         */
        private int claim(long[] indexes, long[] claimed) {
            lock.lock();
            try {
                while (!stopped && seeds.hasNext() && nextIndex >= takenIndex + window) {
                    waitingWorkers++;
                    windowMoved.awaitUninterruptibly();
                    waitingWorkers--;
                }
                int count = 0;
                while (count < claimed.length && !stopped && seeds.hasNext() && nextIndex < takenIndex + window) {
                    indexes[count] = nextIndex++;
                    claimed[count++] = seeds.nextLong();
                }
                return count;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Posts a claim's results ({@code done.get(k)} is the {@code indexes[k]}-th seed's) and wakes
         * the caller only when the result it waits for is among them: every other wake-up is a
         * thread switch on a core that was running a seed.
         */
        private void post(long[] indexes, List<Done<R>> done) {
            lock.lock();
            try {
                for (int k = 0; k < done.size(); k++) {
                    results.put(indexes[k], done.get(k));
                }
                if (results.containsKey(takenIndex)) {
                    resultReady.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        /** The result of the {@code index}-th seed, waiting for it; lets the workers move the window on. */
        Done<R> take(long index) {
            lock.lock();
            try {
                while (!results.containsKey(index)) {
                    resultReady.awaitUninterruptibly();
                }
                takenIndex = index + 1;
                if (waitingWorkers > 0) {
                    windowMoved.signalAll();
                }
                return results.remove(index);
            } finally {
                lock.unlock();
            }
        }

        void stop() {
            lock.lock();
            try {
                stopped = true;
                windowMoved.signalAll();
                resultReady.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
