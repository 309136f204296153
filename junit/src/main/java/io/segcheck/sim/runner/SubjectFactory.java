package io.segcheck.sim.runner;

import java.util.List;

/** Builds worlds for the runner; the binding's one entry point. */
public interface SubjectFactory {

    /** The names of every rare-path mark its worlds count ({@link Subject#marks()}); empty when none. */
    default List<String> markNames() {
        return List.of();
    }

    /** A fresh world configured by {@code config}; nothing shared with earlier worlds. */
    Subject create(RunConfig config);

    /** The actions the runner may generate for this kind of world. */
    ActionCatalog catalog();

    /**
     * The {@link RunConfig#settings()} keys its worlds do not use (e.g. a guard mode for an allocator
     * that declares no guard views), left out of the SEED line; the replay file keeps them all.
     */
    default java.util.Set<String> unusedSettings() {
        return java.util.Set.of();
    }
}
