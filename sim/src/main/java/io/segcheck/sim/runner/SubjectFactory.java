package io.segcheck.sim.runner;

/** Builds worlds for the runner; the binding's one entry point. */
public interface SubjectFactory {

    /** A fresh world configured by {@code config}; nothing shared with earlier worlds. */
    Subject create(RunConfig config);

    /** The actions the runner may generate for this kind of world. */
    ActionCatalog catalog();
}
