package io.segcheck.api;

import java.util.Objects;

/**
 * Marks and fault sites for a team's own code, by name, in the manner of FoundationDB's
 * {@code CODE_PROBE} and {@code BUGGIFY}: an allocator (or anything it hands the object to) calls
 * {@link #mark} on a rare path and asks {@link #fault} at a place where it can fail on purpose.
 * Under segcheck each run counts the marks it reached (a CI seed set can be required to reach every
 * declared mark) and a simulation arms the declared fault sites from its seed. In production the
 * object is {@link #none()}, whose calls do nothing: the cost is reading the field that holds it
 * (with only the no-op loaded, the JIT inlines its empty bodies).
 *
 * <p>An object, not a static: every allocator gets its own from {@link AllocatorFactory#create(
 * AllocatorSettings, Probes)}, so worlds of different seeds never share counts or decisions.
 *
 * <pre>{@code
 * if (probes.fault("freelist.carveFails")) {
 *     throw new AllocatorExhaustedException(size, budgetBytes, mappedBytes, chunkBytes);
 * }
 * if (queue.size() == 1) {
 *     probes.mark("freelist.lastFreeSlice");
 * }
 * }</pre>
 * A fault in {@code allocate} must fail the call as an exhausted budget would: throw
 * {@link AllocatorExhaustedException} before any lease or counter changed. The checks follow that
 * failure as legal; anything else it leaves behind is a finding.
 */
public sealed interface Probes {

    /** What segcheck plugs in: counts marks and decides faults. */
    interface Sink {
        /** The code reached the rare path {@code mark}. */
        void reached(String mark);

        /** Whether the fault site {@code site} fails now. */
        boolean fires(String site);
    }

    /** The production hook: no marks counted, no fault ever fires. */
    static Probes none() {
        return None.INSTANCE;
    }

    /** A hook that reports to {@code sink} (segcheck's worlds, a team's own test). */
    static Probes to(Sink sink) {
        return new ToSink(Objects.requireNonNull(sink, "sink"));
    }

    /** Counts one visit of the rare path {@code name} (one of the factory's {@link AllocatorFactory#markNames()}). */
    void mark(String name);

    /**
     * True when the fault site {@code name} (one of the factory's {@link AllocatorFactory#faultSiteNames()})
     * is to fail now; always false in production.
     */
    boolean fault(String name);

    /** Whether anything listens (false for {@link #none()}). */
    boolean active();

    /** The no-op of production. */
    enum None implements Probes {
        INSTANCE;

        @Override
        public void mark(String name) {
            // production: nothing counts
        }

        @Override
        public boolean fault(String name) {
            return false;
        }

        @Override
        public boolean active() {
            return false;
        }
    }

    /** Reports every mark and asks every fault site of {@code sink}. */
    record ToSink(Sink sink) implements Probes {
        @Override
        public void mark(String name) {
            sink.reached(name);
        }

        @Override
        public boolean fault(String name) {
            return sink.fires(name);
        }

        @Override
        public boolean active() {
            return true;
        }
    }
}
