package io.segcheck.stress;

/** The {@code -D} knobs every stress technique reads (iterations, invocations, seeds). */
public final class StressProperties {

    private StressProperties() {
    }

    /** An integer system property, or {@code fallback} when unset; a value that is not an integer is an error. */
    public static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + "=" + value + " is not an integer", notANumber);
        }
    }
}
