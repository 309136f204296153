package io.segcheck.kit;

import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.Objects;

/**
 * One broken ownership rule of a page, seen through the {@link ObservingAllocator}: what kind of
 * rule and a sentence with the segment and the page. The page contract fails with the sentence;
 * the sequence sweep reports the kind, and keeps it while shrinking.
 */
public record OwnershipFinding(Kind kind, String message) {

    /** Which rule was broken. */
    public enum Kind {
        /** A segment was released twice. */
        DOUBLE_RELEASE,
        /** Something the page never leased (or not the instance it leased) was released. */
        FOREIGN_RELEASE,
        /** A segment was released while the page still held it, or a page holds a released one, or touched one. */
        USE_AFTER_RELEASE,
        /** One segment is held by two pages. */
        SHARED_LEASE,
        /** A live lease no page holds. */
        LEAK,
        /** A slot does not read back what was written. */
        LOST_DATA,
        /** A call did not behave as the page's design declares (legality after return, resize growth, refusal). */
        DESIGN
    }

    public OwnershipFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The model's kind for this finding, the name the sweep, the simulator and the scenarios report. */
    public ViolationKind violationKind() {
        return switch (kind) {
            case DOUBLE_RELEASE -> ViolationKind.DOUBLE_RELEASE;
            case FOREIGN_RELEASE -> ViolationKind.FOREIGN_RELEASE;
            case USE_AFTER_RELEASE -> ViolationKind.USE_AFTER_RELEASE;
            case SHARED_LEASE -> ViolationKind.ALIAS;
            case LEAK -> ViolationKind.LEAK;
            case LOST_DATA -> ViolationKind.LOST_DATA;
            case DESIGN -> ViolationKind.UNEXPECTED_ERROR;
        };
    }

    /** This finding as the model's violation (at step 0; the caller places it). */
    public Violation toViolation() {
        return Violation.of(violationKind(), 0, message);
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
