package io.segcheck.api;

import java.util.Objects;

/**
 * Marks and fault sites for a team's own code, by name, in the manner of FoundationDB's
 * {@code CODE_PROBE} and {@code BUGGIFY}: an allocator (or anything it hands the object to) calls
 * {@link #mark} on a rare path and asks {@link #fault} at a place where it can fail on purpose.
 * Under segcheck each run counts the marks it reached (a CI seed set can be required to reach every
 * declared mark) and a simulation arms the declared fault sites from its seed. In production the
 * object is {@link #none()}: both calls read one field and return.
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
 * A fault may only make a call fail as the design allows a failure: an {@code allocate} may throw
 * {@link AllocatorExhaustedException} or another exception, before any lease or counter changed.
 */
public final class Probes {

    /** What segcheck plugs in: counts marks and decides faults. */
    public interface Sink {
        /** The code reached the rare path {@code mark}. */
        void reached(String mark);

        /** Whether the fault site {@code site} fails now. */
        boolean fires(String site);
    }

    private static final Probes NONE = new Probes(null);

    /** Null in production: the one field each call reads. */
    private final Sink sink;

    private Probes(Sink sink) {
        this.sink = sink;
    }

    /** The production hook: no marks counted, no fault ever fires. */
    public static Probes none() {
        return NONE;
    }

    /** A hook that reports to {@code sink} (segcheck's worlds, a team's own test). */
    public static Probes to(Sink sink) {
        return new Probes(Objects.requireNonNull(sink, "sink"));
    }

    /** Counts one visit of the rare path {@code name} (one of the factory's {@link AllocatorFactory#markNames()}). */
    public void mark(String name) {
        if (sink != null) {
            sink.reached(name);
        }
    }

    /**
     * True when the fault site {@code name} (one of the factory's {@link AllocatorFactory#faultSiteNames()})
     * is to fail now; always false in production.
     */
    public boolean fault(String name) {
        return sink != null && sink.fires(name);
    }

    /** Whether anything listens (false for {@link #none()}). */
    public boolean active() {
        return sink != null;
    }
}
