package io.segcheck.kit;

import io.segcheck.api.PageAdapter;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two {@code returnSegments()} calls on one page, scheduled so that the second runs while the first
 * is inside its first release: the interleaving that makes a check-then-act return release twice.
 * The first thread waits in the observing allocator until the second has finished its call or is
 * blocked or waiting (on the page's lock, if the page takes one); then both run to the end.
 *
 * <p>The order does not depend on timing: the wait ends on the second thread's state, not on a
 * clock. The only bound is {@link #STUCK_SECONDS}, after which the first thread goes on anyway (a
 * page spinning on a lock the first thread holds), which can cost a finding but never invent one.
 */
final class ReturnRace {

    private static final long STUCK_SECONDS = 10;

    private final ObservingAllocator observer;
    private final PageAdapter page;
    private final AtomicBoolean held = new AtomicBoolean();
    private final CountDownLatch firstInRelease = new CountDownLatch(1);
    private final AtomicReference<Thread> second = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ReturnRace(ObservingAllocator observer, PageAdapter page) {
        this.observer = observer;
        this.page = page;
    }

    void run() {
        Consumer<MemorySegment> previous = observer.beforeEveryRelease(this::holdTheFirstRelease);
        try {
            Thread first = Thread.ofPlatform().name("segcheck-return-1").start(this::returnSegments);
            awaitFirstRelease(first);
            Thread racer = Thread.ofPlatform().name("segcheck-return-2").unstarted(this::returnSegments);
            second.set(racer);
            racer.start();
            join(first);
            join(racer);
        } finally {
            observer.beforeEveryRelease(previous);
        }
        if (failure.get() != null && observer.violations().isEmpty()) {
            fail("a racing returnSegments() threw " + failure.get(), failure.get());
        }
    }

    private void returnSegments() {
        try {
            page.returnSegments();
        } catch (RuntimeException | Error thrown) {
            failure.compareAndSet(null, thrown);
        }
    }

    private void holdTheFirstRelease(MemorySegment released) {
        if (!held.compareAndSet(false, true)) {
            return;
        }
        firstInRelease.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STUCK_SECONDS);
        while (!secondFinishedOrWaiting() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    private boolean secondFinishedOrWaiting() {
        Thread racer = second.get();
        if (racer == null) {
            return false;
        }
        return switch (racer.getState()) {
            case TERMINATED, BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        };
    }

    /** Waits until the first call is inside a release, or finished (a page holding nothing releases nothing). */
    private void awaitFirstRelease(Thread first) {
        try {
            while (!firstInRelease.await(10, TimeUnit.MILLISECONDS)) {
                if (!first.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the return race", interrupted);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(3 * STUCK_SECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread.getName(), interrupted);
        }
        if (thread.isAlive()) {
            fail(thread.getName() + ": returnSegments() did not finish in " + 3 * STUCK_SECONDS + " s (a deadlock?)");
        }
    }
}
