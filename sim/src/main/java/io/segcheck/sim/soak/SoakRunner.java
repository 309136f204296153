package io.segcheck.sim.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SoakWorkload} on real threads for a wall-clock duration and checks it at the end.
 *
 * <p>The soak is the real-thread mode: its choices come from the seed (one derived seed per
 * worker), but its interleavings and its length are real time, so two runs of one seed do the
 * same kinds of things, not the same things. Phases: all workers start together on a barrier;
 * warm-up lasts at least a fifth of the run and {@link #WARMUP_OPERATIONS} operations and until the
 * workload says it is warm ({@link SoakWorkload#isWarm()}), and the
 * coordinator samples the footprint during and after it until the workers stop (a run too short
 * to warm up reports {@code growthChecked=0}); then every worker gives back what it holds and the
 * workload checks quiescence. Footprint growth after warm-up is a violation.
 */
public final class SoakRunner {

    /** Workers look at the clock once per this many steps, to keep the clock off the hot path. */
    private static final int STEPS_PER_CLOCK_CHECK = 64;
    private static final long SAMPLE_INTERVAL_MILLIS = 50;
    /**
     * Operations before warm-up may end: by then every worker has filled each class to its cap
     * many times over, so the footprint is at its steady level. Time alone is not enough: the
     * first operations run interpreted and are thousands of times slower.
     */
    static final long WARMUP_OPERATIONS = 20_000;

    private final long seed;
    private final Duration duration;
    private final int threads;
    private final long minimumOperations;

    public SoakRunner(long seed, Duration duration, int threads) {
        this(seed, duration, threads, 0);
    }

    /** A run that asks for a growth check never goes on longer than this many times its duration. */
    private static final int MAXIMUM_STRETCH = 30;

    /**
     * Set by the monitor once it has sampled the footprint after warm-up; a run with a minimum of
     * operations goes on until then, so its growth check never depends on whether the monitor thread
     * got the CPU before the workers finished.
     */
    private volatile boolean sampledAfterWarmup;

    /**
     * @param minimumOperations the run goes on past {@code duration} until this many operations
     *     are done and the footprint was sampled once after warm-up (at most {@value #MAXIMUM_STRETCH}
     *     times {@code duration}), so a short run on a busy machine (where the first operations run
     *     interpreted and the monitor may wait for a core) still warms up and is checked; 0 for a
     *     purely timed run
     */
    public SoakRunner(long seed, Duration duration, int threads, long minimumOperations) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration=" + duration + " must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads=" + threads + " must be >= 1");
        }
        this.seed = seed;
        this.duration = duration;
        this.threads = threads;
        this.minimumOperations = minimumOperations;
    }

    public SoakReport run(SoakWorkload workload) throws InterruptedException {
        sampledAfterWarmup = false;
        SoakReport.Builder report = new SoakReport.Builder();
        SplittableRandom seeds = new SplittableRandom(seed);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CountDownLatch finished = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int index = 0; index < threads; index++) {
            SoakWorkload.Worker worker = workload.newWorker(index, seeds.nextLong());
            workers.add(Thread.ofPlatform().name("soak-" + index).start(
                    () -> work(worker, report, start, finished, deadline)));
        }
        long startNanos = System.nanoTime();
        deadline[0] = startNanos + duration.toNanos(); // published to the workers by the barrier
        await(start);
        monitorFootprint(workload, report, finished);
        long elapsedNanos = System.nanoTime() - startNanos;
        for (Thread worker : workers) {
            worker.join();
        }
        workload.checkQuiescent(report);
        return report.build(elapsedNanos);
    }

    private void work(SoakWorkload.Worker worker, SoakReport.Builder report, CyclicBarrier start,
                      CountDownLatch finished, long[] deadline) {
        try {
            await(start);
            long stopNanos = deadline[0];
            long latestStopNanos = stopNanos + (MAXIMUM_STRETCH - 1) * duration.toNanos();
            while (!report.hasViolations() && (System.nanoTime() < stopNanos || stretched(report, latestStopNanos))) {
                for (int i = 0; i < STEPS_PER_CLOCK_CHECK; i++) {
                    worker.step(report);
                }
                report.addOperations(STEPS_PER_CLOCK_CHECK);
            }
            worker.finish(report);
        } catch (RuntimeException | InterruptedException crash) {
            report.violation("CRASH in " + Thread.currentThread().getName() + ": " + crash);
        } finally {
            finished.countDown();
        }
    }

    /** Whether a run with a minimum of operations must go on past its duration. */
    private boolean stretched(SoakReport.Builder report, long latestStopNanos) {
        if (minimumOperations == 0) {
            return false;
        }
        return report.operations() < minimumOperations
                || (!sampledAfterWarmup && System.nanoTime() < latestStopNanos);
    }

    /**
     * Samples the footprint: its maximum during warm-up, then its maximum until the workers
     * finish. The warm-up maximum, not one sample, is the bar, so churn under a small budget that
     * already reached its ceiling during warm-up does not count as growth.
     */
    private void monitorFootprint(SoakWorkload workload, SoakReport.Builder report, CountDownLatch finished)
            throws InterruptedException {
        long warmupEndNanos = System.nanoTime() + duration.toNanos() / 5;
        long maxDuringWarmup = workload.footprintBytes();
        long maxAfterWarmup = 0;
        long samplesAfterWarmup = 0;
        boolean warm = false;
        while (!finished.await(SAMPLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
            long footprint = workload.footprintBytes();
            if (warm) {
                maxAfterWarmup = Math.max(maxAfterWarmup, footprint);
                samplesAfterWarmup++;
                sampledAfterWarmup = true;
            } else {
                maxDuringWarmup = Math.max(maxDuringWarmup, footprint); // the sample that ends warm-up counts as warm-up
                warm = System.nanoTime() >= warmupEndNanos && report.operations() >= WARMUP_OPERATIONS
                        && workload.isWarm();
            }
        }
        report.figure("growthChecked", samplesAfterWarmup > 0 ? 1 : 0);
        report.figure("maxFootprintWarmupBytes", maxDuringWarmup);
        report.figure("maxFootprintAfterWarmupBytes", maxAfterWarmup);
        if (samplesAfterWarmup > 0 && maxAfterWarmup > maxDuringWarmup) {
            report.violation("GROWTH after warm-up: maxFootprintWarmupBytes=" + maxDuringWarmup
                    + " maxFootprintAfterWarmupBytes=" + maxAfterWarmup + " (memory must stop growing once warm)");
        }
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await();
        } catch (BrokenBarrierException broken) {
            throw new IllegalStateException("soak start barrier broken", broken);
        }
    }
}
