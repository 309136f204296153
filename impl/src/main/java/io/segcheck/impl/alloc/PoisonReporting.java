package io.segcheck.impl.alloc;

import java.util.List;

/**
 * An allocator that reports guard mode's poison violations (writes through a released segment found
 * when its slice left quarantine, or a released view another thread still held then) instead of
 * throwing them at the innocent caller whose release pushed the slice out. Checkers poll it.
 */
public interface PoisonReporting {

    /** The violations found so far, oldest first; empty outside guard mode. */
    List<PoisonViolationException> poisonViolations();
}
