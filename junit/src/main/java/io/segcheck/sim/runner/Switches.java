package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The named switches a run's system is built with, written in its settings line and replay header
 * ({@code defects=A,B}, or {@code none}). The runner only carries the names: segcheck's own system
 * reads them as its historic defects switched back on (and refuses a name it does not know); an
 * allocator of another project has none.
 */
public final class Switches {

    private static final Switches NONE = new Switches(List.of());

    private final List<String> names;

    private Switches(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** No switch on: the system as shipped. */
    public static Switches none() {
        return NONE;
    }

    /**
     * The switches of a comma-separated list ({@code "A,B"}), in order, without repeats; blank or
     * {@code none} means none.
     *
     * @throws IllegalArgumentException for a name that is not a Java identifier (a typo in a header)
     */
    public static Switches parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank() || commaSeparated.trim().equals("none")) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String raw : commaSeparated.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isName(name)) {
                throw new IllegalArgumentException("switch name=" + name + " is not a name (letters, digits, '_')");
            }
            names.add(name);
        }
        return names.isEmpty() ? NONE : new Switches(new ArrayList<>(names));
    }

    private static boolean isName(String name) {
        return Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().allMatch(Character::isJavaIdentifierPart);
    }

    /** The names, in the order given. */
    public List<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** Comma-separated names, the inverse of {@link #parse}; empty when none. */
    @Override
    public String toString() {
        return String.join(",", names);
    }

    /** Equal when the same names are on, whatever their order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Switches that && Set.copyOf(names).equals(Set.copyOf(that.names));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Set.copyOf(names));
    }
}
