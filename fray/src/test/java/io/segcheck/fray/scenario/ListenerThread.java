package io.segcheck.fray.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cache's executor as a real thread of the scenario: Caffeine's removal notifications and
 * maintenance queue here and run on this thread, first in first out, interleaved with every other
 * call. Each removal notification it runs is a call of the history (lane {@code L}), so the
 * reference orders it among the others (a run whose removal the cache deferred to the end of a
 * put lasts until that decision: {@link DeferredListenerRuns}); maintenance changes nothing a call
 * can see (nothing is evicted by size), so it is not one.
 */
final class ListenerThread implements Executor {

    private final History history;
    /** Runs whose removal waits for a put's end: recorded when it is decided there. */
    private final DeferredListenerRuns deferred;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean stopping;
    /** False once the run's calls ended: quiesce's listener runs are no calls of the history. */
    private volatile boolean recording = true;
    private Thread thread;

    ListenerThread(History history) {
        this.history = history;
        this.deferred = new DeferredListenerRuns(history);
    }

    /** The cache's removal observer: tells this thread which of its runs were deferred, and when they were decided. */
    DeferredListenerRuns observer() {
        return deferred;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            tasks.addLast(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void start() {
        lock.lock();
        try {
            stopping = false;
        } finally {
            lock.unlock();
        }
        thread = new Thread(this::loop, "listener");
        thread.start();
    }

    /** Lets the thread run out of tasks and end, then runs on the caller whatever was queued after it ended. */
    void stopAndDrain() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            Threads.join(thread);
            thread = null;
        }
        drainHere();
    }

    /** Runs every queued task on the calling thread, oldest first (no thread of its own runs). */
    void drainHere() {
        for (Runnable task = next(false); task != null; task = next(false)) {
            runRecorded(task);
        }
    }

    private void loop() {
        for (Runnable task = next(true); task != null; task = next(true)) {
            runRecorded(task);
        }
    }

    /** The oldest task; when {@code wait}, blocks until there is one or the thread is told to stop. */
    private Runnable next(boolean wait) {
        lock.lock();
        try {
            while (wait && tasks.isEmpty() && !stopping) {
                // await(), not awaitUninterruptibly(): Fray models the first; the second parks outside its scheduler
                changed.await();
            }
            return tasks.pollFirst();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    void stopRecording() {
        recording = false;
    }

    private void runRecorded(Runnable task) {
        if (isMaintenance(task) || !recording) {
            task.run();
            return;
        }
        long invoked = history.tick();
        String token;
        deferred.runStarts(invoked);
        try {
            task.run();
            token = "ok";
        } catch (RuntimeException | AssertionError failure) {
            token = "err:" + failure.getClass().getSimpleName();
            history.unexpected(History.LISTENER_LANE, "the removal listener threw " + failure, failure);
        }
        if (deferred.runEndsDeferred() && token.equals("ok")) {
            return; // decided at a put's end, and recorded there
        }
        history.add(new History.Call(History.LISTENER_LANE, history.listenerRuns(), null, token, invoked, history.tick()));
    }

    /** Caffeine's maintenance is its PerformCleanupTask; everything else it submits is a removal notification. */
    static boolean isMaintenance(Runnable task) {
        return task.getClass().getName().endsWith("PerformCleanupTask");
    }
}
