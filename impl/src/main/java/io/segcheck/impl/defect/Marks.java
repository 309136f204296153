package io.segcheck.impl.defect;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts how often each {@link Mark} was hit, for one world: the simulator and the sequence runner
 * build one per run and hand it to the components with their {@link Defects} (and the allocator's
 * config), so no count is shared between worlds. {@link #none()} records nothing and is what
 * production code gets: hitting a mark then costs one branch.
 *
 * <p>Thread-safe: counters are atomic, so the soak and the concurrency tests can record too.
 */
public final class Marks {

    private static final Marks NONE = new Marks(false);

    /** Null when not recording. */
    private final AtomicLongArray counts;

    private Marks(boolean recording) {
        this.counts = recording ? new AtomicLongArray(Mark.values().length) : null;
    }

    /** A fresh recorder with every count at 0. */
    public static Marks recording() {
        return new Marks(true);
    }

    /** The recorder that records nothing; immutable, so sharing it shares no state. */
    public static Marks none() {
        return NONE;
    }

    /** Counts one hit of {@code mark}; a null mark (a path without one) counts nothing. */
    public void hit(Mark mark) {
        if (counts != null && mark != null) {
            counts.incrementAndGet(mark.ordinal());
        }
    }

    public boolean isRecording() {
        return counts != null;
    }

    public long count(Mark mark) {
        return counts == null ? 0 : counts.get(mark.ordinal());
    }

    /** Every mark with its count (0 included), in declaration order. */
    public Map<Mark, Long> snapshot() {
        Map<Mark, Long> snapshot = new EnumMap<>(Mark.class);
        for (Mark mark : Mark.values()) {
            snapshot.put(mark, count(mark));
        }
        return snapshot;
    }

    @Override
    public String toString() {
        return counts == null ? "Marks(none)" : "Marks" + snapshot();
    }
}
