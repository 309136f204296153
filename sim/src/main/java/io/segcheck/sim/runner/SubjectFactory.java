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
}
