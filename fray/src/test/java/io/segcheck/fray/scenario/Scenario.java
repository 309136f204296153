package io.segcheck.fray.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A small concurrent program: allocator settings, an init part run on one thread before the others
 * start (objects every thread can reach), and 1-4 threads of 1-4 calls each. The cache's removal
 * listener runs on a thread of its own that every run adds.
 *
 * <p>Text form, one line each: {@code settings budget=B region=R quarantine=Q}, {@code init: c; c},
 * {@code t0: c; c}, ...; what a replay file holds.
 */
record Scenario(long seed, Settings settings, List<Op> init, List<List<Op>> threads) {

    /** The allocator's byte budget and region size, and guard mode's quarantine length (guard mode is always on). */
    record Settings(long budgetBytes, long regionBytes, int quarantineSlices) {

        String text() {
            return "settings budget=" + budgetBytes + " region=" + regionBytes + " quarantine=" + quarantineSlices;
        }

        static Settings parse(String line) {
            long budget = 0;
            long region = 0;
            int quarantine = 0;
            for (String part : line.substring("settings".length()).trim().split("\\s+")) {
                String[] pair = part.split("=", 2);
                switch (pair[0]) {
                    case "budget" -> budget = Long.parseLong(pair[1]);
                    case "region" -> region = Long.parseLong(pair[1]);
                    case "quarantine" -> quarantine = Integer.parseInt(pair[1]);
                    default -> throw new IllegalArgumentException("unknown setting=" + pair[0] + " in: " + line);
                }
            }
            return new Settings(budget, region, quarantine);
        }
    }

    Scenario {
        init = List.copyOf(init);
        threads = threads.stream().map(List::copyOf).toList();
    }

    /** Whether some call reaches the cache (the init part's puts do not count: they run before any thread). */
    boolean callsTheCache() {
        return threads.stream().flatMap(List::stream).anyMatch(op -> switch (op.kind()) {
            case PUT, GET_AND_GUARD, INVALIDATE, INVALIDATE_ALL, CLEAN_UP -> true;
            default -> false;
        });
    }

    int operationCount() {
        return init.size() + threads.stream().mapToInt(List::size).sum();
    }

    Scenario withThreads(List<List<Op>> newThreads) {
        return new Scenario(seed, settings, init, newThreads);
    }

    Scenario withInit(List<Op> newInit) {
        return new Scenario(seed, settings, newInit, threads);
    }

    /** Whether some call closes the allocator; results after it are refusals or no-ops, not compared. */
    boolean closes() {
        return init.stream().anyMatch(op -> op.kind() == OpKind.CLOSE)
                || threads.stream().flatMap(List::stream).anyMatch(op -> op.kind() == OpKind.CLOSE);
    }

    String text() {
        StringBuilder text = new StringBuilder(settings.text()).append('\n');
        text.append("init: ").append(joined(init)).append('\n');
        for (int thread = 0; thread < threads.size(); thread++) {
            text.append('t').append(thread).append(": ").append(joined(threads.get(thread))).append('\n');
        }
        return text.toString();
    }

    private static String joined(List<Op> ops) {
        List<String> parts = new ArrayList<>();
        for (Op op : ops) {
            parts.add(op.text());
        }
        return String.join("; ", parts);
    }

    static Scenario parse(long seed, String text) {
        Settings settings = null;
        List<Op> init = List.of();
        List<List<Op>> threads = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("settings")) {
                settings = Settings.parse(line);
            } else if (line.startsWith("init:")) {
                init = ops(line.substring("init:".length()));
            } else if (line.matches("t\\d+:.*")) {
                threads.add(ops(line.substring(line.indexOf(':') + 1)));
            } else {
                throw new IllegalArgumentException("not a scenario line: " + line);
            }
        }
        if (settings == null) {
            throw new IllegalArgumentException("a scenario needs a settings line: " + text);
        }
        return new Scenario(seed, settings, init, threads);
    }

    private static List<Op> ops(String text) {
        List<Op> ops = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                ops.add(Op.parse(part));
            }
        }
        return ops;
    }
}
