package io.segcheck.kit;

/** The budget knobs of the kit's concurrency bases and segcheck's own suites: system properties read as integers. */
public final class SystemProperties {

    private SystemProperties() {
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
