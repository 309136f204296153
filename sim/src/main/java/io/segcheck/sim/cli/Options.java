package io.segcheck.sim.cli;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.SeedRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parsed arguments of one command: {@code --name value} options, {@code --flag}s and positional
 * words. Every parse error is a {@link UsageException} naming the option and the value.
 */
final class Options {

    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Options(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /** Parses {@code args}; {@code valued} options take a value, {@code flagNames} do not. */
    static Options parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new TreeSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("--")) {
                positional.add(word);
            } else if (flagNames.contains(word)) {
                flags.add(word);
            } else if (valued.contains(word)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option " + word + " needs a value");
                }
                if (values.put(word, args.get(++i)) != null) {
                    throw new UsageException("option " + word + " is given twice");
                }
            } else {
                Set<String> known = new TreeSet<>(valued);
                known.addAll(flagNames);
                throw new UsageException("unknown option " + word + "; known: " + String.join(" ", known));
            }
        }
        return new Options(values, flags, positional);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    long longValue(String name, long fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notNumber) {
            throw new UsageException(name + "=" + value + " is not an integer");
        }
    }

    int intValue(String name, int fallback, int min, int max) throws UsageException {
        long value = longValue(name, fallback);
        if (value < min || value > max) {
            throw new UsageException(name + "=" + value + " must be in " + min + ".." + max);
        }
        return (int) value;
    }

    /** Bytes, optionally with a binary suffix: {@code 268435456}, {@code 256M}, {@code 1G}. */
    long bytesValue(String name, long fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        int shift = switch (upper.isEmpty() ? ' ' : upper.charAt(upper.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException notNumber) {
            number = -1;
        }
        if (number <= 0 || number > Long.MAX_VALUE >> shift) {
            throw new UsageException(name + "=" + value + " must be a positive byte count (e.g. 268435456 or 256M)");
        }
        return number << shift;
    }

    /** {@code --jobs N}: seeds run at once, each in its own world; the machine's processors when not given. */
    int jobs() throws UsageException {
        return intValue("--jobs", io.segcheck.sim.runner.ParallelSeeds.defaultJobs(), 1, 4096);
    }

    boolean onOff(String name, boolean fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(name + "=" + value + " must be on or off");
        };
    }

    /** {@code NAME[,NAME]}, or {@code none}. */
    Optional<Defects> defects(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.equals("none")) {
            return Optional.of(Defects.none());
        }
        try {
            return Optional.of(Defects.parse(value));
        } catch (IllegalArgumentException unknown) {
            throw new UsageException(name + "=" + value + ": " + unknown.getMessage());
        }
    }

    /** {@code A..B} (A up to B-1) or a single seed {@code N}, with {@code --shard i/n} applied. */
    SeedRange seeds(String seedsName, String shardName, SeedRange fallback) throws UsageException {
        long first = fallback.first();
        long end = fallback.end();
        String text = values.get(seedsName);
        if (text != null) {
            int dots = text.indexOf("..");
            try {
                first = Long.parseLong(dots < 0 ? text : text.substring(0, dots));
                end = dots < 0 ? first + 1 : Long.parseLong(text.substring(dots + 2));
            } catch (NumberFormatException notNumber) {
                throw new UsageException(seedsName + "=" + text + " must be A..B (seeds A to B-1) or one seed N");
            }
        }
        int[] shard = shard(shardName);
        try {
            return new SeedRange(first, end, shard[0], shard[1]);
        } catch (IllegalArgumentException bad) {
            throw new UsageException(bad.getMessage());
        }
    }

    /** {@code i/n} as {i, n}; {0, 1} when not given. */
    int[] shard(String name) throws UsageException {
        String text = values.get(name);
        if (text == null) {
            return new int[] {0, 1};
        }
        int slash = text.indexOf('/');
        try {
            return new int[] {Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1))};
        } catch (NumberFormatException | StringIndexOutOfBoundsException bad) {
            throw new UsageException(name + "=" + text + " must be i/n, e.g. 0/4");
        }
    }
}
