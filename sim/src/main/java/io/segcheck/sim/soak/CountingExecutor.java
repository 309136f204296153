package io.segcheck.sim.soak;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on a delegate (e.g. Caffeine's default {@code ForkJoinPool.commonPool()}) and counts
 * the ones not yet finished, so the soak can wait until every removal listener has run before it
 * checks quiescence (no sleeping, no guessing).
 */
final class CountingExecutor implements Executor {

    private final Executor delegate;
    private long pendingTasks;

    CountingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            pendingTasks++;
        }
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished();
                }
            });
        } catch (RuntimeException rejected) {
            finished();
            throw rejected;
        }
    }

    /**
     * Waits until no task is pending.
     *
     * @return false when {@code timeoutNanos} passed first
     */
    synchronized boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (pendingTasks > 0) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, leftNanos);
        }
        return true;
    }

    private synchronized void finished() {
        pendingTasks--;
        notifyAll();
    }
}
