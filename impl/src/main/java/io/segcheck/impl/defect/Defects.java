package io.segcheck.impl.defect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of enabled {@link Defect}s, handed to each component at construction, and the
 * world's {@link Marks} recorder that travels with them (none unless {@link #withMarks} says so).
 * Equality is the set of defects alone: the recorder only observes.
 */
public final class Defects {

    private static final Defects NONE = new Defects(EnumSet.noneOf(Defect.class), Marks.none());

    private final Set<Defect> enabled;
    private final Marks marks;

    private Defects(Set<Defect> enabled, Marks marks) {
        this.enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(Defect.class)
                : enabled));
        this.marks = marks;
    }

    /** The production default: every defect fixed. */
    public static Defects none() {
        return NONE;
    }

    public static Defects of(Defect... defects) {
        EnumSet<Defect> set = EnumSet.noneOf(Defect.class);
        set.addAll(Arrays.asList(defects));
        return new Defects(set, Marks.none());
    }

    /**
     * Parses a comma-separated list of defect names ({@code "A,B"}); blank means none.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known names
     */
    public static Defects parse(String names) {
        EnumSet<Defect> set = EnumSet.noneOf(Defect.class);
        if (names == null || names.isBlank()) {
            return NONE;
        }
        for (String raw : names.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                set.add(Defect.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown defect=" + name + " known="
                        + Arrays.toString(Defect.values()), unknown);
            }
        }
        return new Defects(set, Marks.none());
    }

    /** The same defects, recording the rare paths they reach into {@code recorder}. */
    public Defects withMarks(Marks recorder) {
        return new Defects(enabled, Objects.requireNonNull(recorder, "recorder"));
    }

    /** Counts one hit of a rare path (see {@link Mark}); nothing when this set records no marks. */
    public void mark(Mark mark) {
        marks.hit(mark);
    }

    public Marks marks() {
        return marks;
    }

    public boolean isEnabled(Defect defect) {
        return enabled.contains(defect);
    }

    public boolean isEmpty() {
        return enabled.isEmpty();
    }

    /** The enabled defects in declaration order. */
    public Set<Defect> enabled() {
        return enabled;
    }

    /** Comma-separated names, the inverse of {@link #parse}; empty when none. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Defect defect : enabled) {
            names.add(defect.name());
        }
        return String.join(",", names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Defects that && enabled.equals(that.enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }
}
