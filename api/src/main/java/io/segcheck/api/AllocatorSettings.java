package io.segcheck.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * What segcheck asks of an allocator it is about to check: sizes it draws per seed so a sweep
 * covers tight budgets (exhaustion, unmapping) and roomy ones, whether the debugging aids are
 * wanted, and the allocator's own settings. A factory may ignore any of them, as long as the
 * {@link AllocatorDesign} it returns for the same settings says what the allocator really does.
 *
 * @param budgetBytes a byte budget to honour, if the allocator has one
 * @param regionBytes a region size to map memory in, if the allocator maps regions
 * @param guardMode whether per-lease guard views and a quarantine are wanted, if the allocator has them
 * @param quarantineSlices how long a quarantine is wanted in guard mode, if the allocator's is settable
 * @param properties the allocator's own settings by name (what it would otherwise read from system
 *     properties), passed through unchanged: {@code --allocator-property NAME=VALUE} on the command
 *     line, {@link #withProperty} in a test; a replay file keeps them
 */
public record AllocatorSettings(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices,
                                Map<String, String> properties) {

    public AllocatorSettings {
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Settings without allocator properties. */
    public AllocatorSettings(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices) {
        this(budgetBytes, regionBytes, guardMode, quarantineSlices, Map.of());
    }

    /** 1 GiB budget, 4 MiB regions, guard mode on with a quarantine of 64: roomy settings for contract tests. */
    public static AllocatorSettings roomy() {
        return new AllocatorSettings(1L << 30, 4L << 20, true, 64);
    }

    public AllocatorSettings withBudgetBytes(long newBudgetBytes) {
        return new AllocatorSettings(newBudgetBytes, regionBytes, guardMode, quarantineSlices, properties);
    }

    public AllocatorSettings withRegionBytes(long newRegionBytes) {
        return new AllocatorSettings(budgetBytes, newRegionBytes, guardMode, quarantineSlices, properties);
    }

    public AllocatorSettings withGuardMode(boolean newGuardMode) {
        return new AllocatorSettings(budgetBytes, regionBytes, newGuardMode, quarantineSlices, properties);
    }

    public AllocatorSettings withQuarantineSlices(int newQuarantineSlices) {
        return new AllocatorSettings(budgetBytes, regionBytes, guardMode, newQuarantineSlices, properties);
    }

    /** The same settings with the allocator property {@code name} set to {@code value}. */
    public AllocatorSettings withProperty(String name, String value) {
        Map<String, String> more = new TreeMap<>(properties);
        more.put(name, value);
        return new AllocatorSettings(budgetBytes, regionBytes, guardMode, quarantineSlices, more);
    }

    /** The same settings with every property of {@code more} set (replacing any of the same name). */
    public AllocatorSettings withProperties(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(properties);
        all.putAll(more);
        return new AllocatorSettings(budgetBytes, regionBytes, guardMode, quarantineSlices, all);
    }

    /** The allocator property {@code name}, or {@code fallback} when it is not set. */
    public String property(String name, String fallback) {
        return properties.getOrDefault(name, fallback);
    }

    /**
     * The allocator property {@code name} as a boolean ({@code true} or {@code false}), or {@code fallback}.
     *
     * @throws IllegalArgumentException naming the property when its value is neither
     */
    public boolean booleanProperty(String name, boolean fallback) {
        String value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("allocator property " + name + "=" + value
                    + " must be true or false");
        };
    }

    /**
     * {@code NAME=VALUE[,NAME=VALUE]} as properties, the form the command line and replay files use.
     *
     * @throws IllegalArgumentException naming the entry without a name or '='
     */
    public static Map<String, String> parseProperties(String text) {
        Map<String, String> parsed = new TreeMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("allocator property entry='" + entry + "' must be NAME=VALUE");
            }
            parsed.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return parsed;
    }

    /** The properties as {@code NAME=VALUE[,NAME=VALUE]} in name order, or empty; {@link #parseProperties} reads it. */
    public String propertiesText() {
        StringBuilder text = new StringBuilder();
        properties.forEach((name, value) -> text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(value));
        return text.toString();
    }
}
