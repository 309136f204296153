package io.segcheck.sim.runner;

import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums the rare-path marks (segcheck's own and those an allocator declares by name) that runs reached, over a sweep
 * or a simulation, and says which were never reached. Filled from {@link Subject#marks()} after
 * each first execution of a seed (shrink attempts re-run the same paths and are not counted).
 *
 * <p>Knows every mark name up front ({@link SubjectFactory#markNames()}), so a mark no run reached
 * shows up with count 0 instead of going missing.
 */
public final class MarkTally {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** A tally of {@code names}, each at 0, in the given order. */
    public MarkTally(Collection<String> names) {
        for (String name : names) {
            counts.put(name, 0L);
        }
    }

    /** Adds one run's counts; a name not known up front is added at the end. */
    public void add(Map<String, Long> runCounts) {
        runCounts.forEach((name, count) -> counts.merge(name, count, Long::sum));
    }

    /** Adds another tally (a shard's) to this one. */
    public void addAll(MarkTally other) {
        add(other.counts);
    }

    /** Every mark with its count, in declaration order. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** The marks with count 0, in declaration order. */
    public List<String> unreached() {
        List<String> unreached = new ArrayList<>();
        counts.forEach((name, count) -> {
            if (count == 0) {
                unreached.add(name);
            }
        });
        return unreached;
    }

    /** {@code marks: NAME=count ...} then {@code marks unreached: ...} or {@code marks: all N reached}. */
    public void print(PrintStream out) {
        if (counts.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("marks:");
        counts.forEach((name, count) -> line.append(' ').append(name).append('=').append(count));
        out.println(line);
        List<String> unreached = unreached();
        out.println(unreached.isEmpty() ? "marks: all " + counts.size() + " reached"
                : "marks unreached (" + unreached.size() + " of " + counts.size() + "): " + String.join(" ", unreached));
    }

    /**
     * The marks reached, as one word for a child JVM's answer line: {@code name=count} pairs joined
     * by commas, names URL-encoded; {@code -} when none was reached. {@link #addEncoded} reads it.
     */
    public String encoded() {
        StringBuilder word = new StringBuilder();
        counts.forEach((name, count) -> {
            if (count != 0) {
                word.append(word.isEmpty() ? "" : ",").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(count);
            }
        });
        return word.isEmpty() ? "-" : word.toString();
    }

    /** Adds the counts of an {@link #encoded} word. */
    public void addEncoded(String word) {
        if (word.equals("-")) {
            return;
        }
        Map<String, Long> runCounts = new LinkedHashMap<>();
        for (String pair : word.split(",")) {
            int equals = pair.lastIndexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not an encoded mark count: " + pair + " in " + word);
            }
            runCounts.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    Long.parseLong(pair.substring(equals + 1)));
        }
        add(runCounts);
    }

    /** The tally as {@code name=count} lines, the form shard summaries store. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts.forEach((name, count) -> lines.add(name + "=" + count));
        return lines;
    }
}
