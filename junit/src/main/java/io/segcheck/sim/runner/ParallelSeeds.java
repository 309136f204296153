package io.segcheck.sim.runner;

import java.util.ArrayList;
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

    /** One seed's work; it must build everything it touches, so it can run on any thread. */
    @FunctionalInterface
    public interface Work<R> {
        R run(long seed);
    }

    /** Told of each seed's result in seed order, on the calling thread; returns false when no later seed is needed. */
    @FunctionalInterface
    public interface Sink<R> {
        boolean accept(long seed, R result);
    }

    private ParallelSeeds() {
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
        Queue<R> queue = new Queue<>(seeds.iterator(), (int) Math.min(jobs, seeds.size()) * AHEAD_PER_JOB);
        List<Thread> workers = new ArrayList<>();
        try {
            for (int index = 0; index < Math.min(jobs, seeds.size()); index++) {
                workers.add(Thread.ofPlatform().daemon().name("segcheck-seeds-" + index).start(() -> queue.work(work)));
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
        private final Condition changed = lock.newCondition();
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

        /** A worker's loop: claim the next seed, run it, post the result, until stopped or out of seeds. */
        void work(Work<R> work) {
            long[] claimed = new long[2];
            while (claim(claimed)) {
                long seed = claimed[1];
                Done<R> done;
                try {
                    done = new Done<>(seed, work.run(seed), null);
                } catch (Throwable failure) { // posted, so the caller rethrows it in seed order instead of waiting forever
                    done = new Done<>(seed, null, failure);
                }
                post(claimed[0], done);
            }
        }

        /** Fills {index, seed} with the next seed once it is within the window; false when there is none. */
        private boolean claim(long[] claimed) {
            lock.lock();
            try {
                while (!stopped && seeds.hasNext() && nextIndex >= takenIndex + window) {
                    changed.awaitUninterruptibly();
                }
                if (stopped || !seeds.hasNext()) {
                    return false;
                }
                claimed[0] = nextIndex++;
                claimed[1] = seeds.nextLong();
                return true;
            } finally {
                lock.unlock();
            }
        }

        private void post(long index, Done<R> done) {
            lock.lock();
            try {
                results.put(index, done);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The result of the {@code index}-th seed, waiting for it; lets the workers move the window on. */
        Done<R> take(long index) {
            lock.lock();
            try {
                while (!results.containsKey(index)) {
                    changed.awaitUninterruptibly();
                }
                takenIndex = index + 1;
                changed.signalAll();
                return results.remove(index);
            } finally {
                lock.unlock();
            }
        }

        void stop() {
            lock.lock();
            try {
                stopped = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
