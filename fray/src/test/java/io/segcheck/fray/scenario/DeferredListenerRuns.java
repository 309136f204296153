package io.segcheck.fray.scenario;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.cache.RemovalObserver;
import io.segcheck.impl.page.KeyValueLeafPage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The listener runs whose removal the cache deferred to the end of a put of the same page under
 * its key ({@link RemovalObserver#removalDeferred}): such a run decides nothing when it runs; the
 * decision (the page returned, or left alone as still mapped) is made when that put ends, on the
 * putting thread. Each is recorded as one listener run of the history from the listener's start
 * to the decision's end, so the reference may place the removal anywhere in that time, the put's
 * end included (fixed system, nightly seed 162: a removal decided at a put's end returned the page
 * while its key was unmapped, and later puts of it were refused; recorded at the listener's own
 * return, no order explained the refusals).
 */
final class DeferredListenerRuns implements RemovalObserver<Object> {

    /** A removal deferred by the listener run invoked at {@code invoked}. */
    private record Pending(Object key, KeyValueLeafPage page, long entryLife, RemovalCause cause, long invoked) {

        boolean is(Object otherKey, KeyValueLeafPage otherPage, long otherLife, RemovalCause otherCause) {
            return page == otherPage && entryLife == otherLife && cause == otherCause && Objects.equals(key, otherKey);
        }
    }

    private final History history;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Pending> pending = new ArrayList<>();
    /** The thread running a recorded listener task now, and that run's invocation stamp; null between runs. */
    private volatile Thread runner;
    private long runInvoked;
    private boolean runDeferred;

    DeferredListenerRuns(History history) {
        this.history = history;
    }

    /** A recorded listener run starts on the calling thread, invoked at {@code invoked}. */
    void runStarts(long invoked) {
        runInvoked = invoked;
        runDeferred = false;
        runner = Thread.currentThread();
    }

    /** The run ended; true when its removal was deferred (then it is recorded at the decision, not now). */
    boolean runEndsDeferred() {
        runner = null;
        return runDeferred;
    }

    @Override
    public void removalDeferred(Object key, KeyValueLeafPage page, long entryLife, RemovalCause cause) {
        if (Thread.currentThread() != runner) {
            return; // a listener task run unrecorded (quiesce): nothing of the history
        }
        runDeferred = true;
        lock.lock();
        try {
            pending.add(new Pending(key, page, entryLife, cause, runInvoked));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pageRemoved(Object key, KeyValueLeafPage page, long entryLife, RemovalCause cause,
                            RemovalHandling handling) {
        if (Thread.currentThread() == runner) {
            return; // decided in the listener's own run, which records itself
        }
        lock.lock();
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending deferred = pending.get(i);
                if (deferred.is(key, page, entryLife, cause)) {
                    pending.remove(i);
                    history.add(new History.Call(History.LISTENER_LANE, history.listenerRuns(), null, "ok",
                            deferred.invoked(), history.tick()));
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
