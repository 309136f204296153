package io.segcheck.sim.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a soak run did and what it found: operation count, elapsed time, named figures and
 * violations. Built concurrently by the workers, read once at the end.
 *
 * @param operations operations completed by all workers
 * @param elapsedNanos wall time of the load phase
 * @param figures named end-of-run numbers in insertion order (high-water, mapped bytes, ...)
 * @param violations one readable sentence per violation; empty when the run is clean
 */
public record SoakReport(long operations, long elapsedNanos, Map<String, Long> figures, List<String> violations) {

    /** How many violations are kept verbatim; later ones are only counted. */
    static final int MAX_VIOLATIONS_KEPT = 20;

    public SoakReport {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        violations = List.copyOf(violations);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public long operationsPerSecond() {
        return elapsedNanos == 0 ? 0 : operations * 1_000_000_000L / elapsedNanos;
    }

    /** The summary line and one line per violation. */
    public void print(PrintStream out) {
        StringBuilder line = new StringBuilder("soak: operations=").append(operations)
                .append(" seconds=").append(String.format(Locale.ROOT, "%.2f", elapsedNanos / 1e9))
                .append(" opsPerSecond=").append(operationsPerSecond());
        figures.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        out.println(line);
        violations.forEach(violation -> out.println("VIOLATION " + violation));
        out.println(clean() ? "soak: CLEAN" : "soak: FAILED violations=" + violations.size());
    }

    /** Collects a report; thread-safe. */
    public static final class Builder {

        private final AtomicLong operations = new AtomicLong();
        private final Map<String, Long> figures = new LinkedHashMap<>();
        private final List<String> violations = new ArrayList<>();
        private long droppedViolations;

        public void addOperations(long count) {
            operations.addAndGet(count);
        }

        /** Operations so far; the runner reads it to end warm-up. */
        public long operations() {
            return operations.get();
        }

        public synchronized void figure(String name, long value) {
            figures.put(name, value);
        }

        public synchronized void violation(String sentence) {
            if (violations.size() < MAX_VIOLATIONS_KEPT) {
                violations.add(sentence);
            } else {
                droppedViolations++;
            }
        }

        public synchronized boolean hasViolations() {
            return !violations.isEmpty();
        }

        synchronized SoakReport build(long elapsedNanos) {
            List<String> all = new ArrayList<>(violations);
            if (droppedViolations > 0) {
                all.add("... and " + droppedViolations + " more violations not shown");
            }
            return new SoakReport(operations.get(), elapsedNanos, figures, all);
        }
    }
}
