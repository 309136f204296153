package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records every handled removal of a {@link PageCache}, with the page state seen right after the
 * listener handled it, and every eviction Caffeine reported to its eviction listener, and lets a test wait for a number of them (no sleeping: it waits on the
 * listener's notification, with a generous timeout only as a failure guard).
 */
final class RemovalRecorder<K> implements RemovalObserver<K> {

    record Removal<K>(K key, KeyValueLeafPage page, RemovalCause cause, RemovalHandling handling, PageStatus stateAfter) {
    }

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<Removal<K>> removals = new ArrayList<>();
    /** Caffeine's eviction-listener calls, as {@code CAUSE@key}, in order. */
    private final List<String> evictions = new ArrayList<>();
    /** Every event in the order told: "deferred KEY CAUSE" and "removed KEY CAUSE HANDLING". */
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void pageRemoved(K key, KeyValueLeafPage page, long entryLife, RemovalCause cause,
                                         RemovalHandling handling) {
        removals.add(new Removal<>(key, page, cause, handling, page.state()));
        events.add("removed " + key + " " + cause + " " + handling);
        notifyAll();
    }

    @Override
    public synchronized void entryEvicted(K key, KeyValueLeafPage page, RemovalCause cause) {
        evictions.add(cause + "@" + key);
    }

    synchronized List<String> evictions() {
        return new ArrayList<>(evictions);
    }

    @Override
    public synchronized void removalDeferred(K key, KeyValueLeafPage page, long entryLife, RemovalCause cause) {
        events.add("deferred " + key + " " + cause);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until at least {@code count} removals were handled; fails after the timeout. */
    synchronized List<Removal<K>> awaitAtLeast(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (removals.size() < count) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new AssertionError("expected removals=" + count + " saw=" + removals);
            }
            TimeUnit.NANOSECONDS.timedWait(this, leftNanos);
        }
        return List.copyOf(removals);
    }

    synchronized List<Removal<K>> removals() {
        return new ArrayList<>(removals);
    }
}
