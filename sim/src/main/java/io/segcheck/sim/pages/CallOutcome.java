package io.segcheck.sim.pages;

import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.kit.PageOracle;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.Optional;
import java.util.function.Supplier;

/** How one page call ended: its value, or what it threw; and what that means for the sweep. */
record CallOutcome(String what, Object value, RuntimeException thrown) {

    static CallOutcome of(String what, Supplier<Object> call) {
        try {
            return new CallOutcome(what, call.get(), null);
        } catch (RuntimeException failure) {
            return new CallOutcome(what, null, failure);
        }
    }

    boolean threw() {
        return thrown != null;
    }

    /** A call that should have returned normally: a touch of a released segment, or any other throw. */
    Optional<Violation> failure() {
        if (thrown == null) {
            return Optional.empty();
        }
        if (PageOracle.touchedReleasedMemory(thrown)) {
            return PageWorld.violation(ViolationKind.USE_AFTER_RELEASE, what + " touched a released segment ("
                    + thrown.getMessage() + ")");
        }
        if (thrown instanceof SegmentOwnershipException refused) {
            // the observing allocator refused a release of the page's: the oracle's finding, named as such
            return PageWorld.violation(refused.kind() == SegmentOwnershipException.Kind.DOUBLE_RELEASE
                    ? ViolationKind.DOUBLE_RELEASE : ViolationKind.FOREIGN_RELEASE, what + " was refused by the"
                    + " allocator: " + refused.getMessage());
        }
        return PageWorld.violation(ViolationKind.UNEXPECTED_ERROR, what + " threw " + thrown);
    }

    /** A call the design makes illegal: it must throw {@link IllegalStateException} without touching memory. */
    Optional<Violation> expectIllegalState(String context) {
        if (thrown == null) {
            return PageWorld.violation(ViolationKind.MISSING_ERROR, context + " returned normally; it must throw"
                    + " IllegalStateException");
        }
        if (thrown instanceof IllegalStateException && !PageOracle.touchedReleasedMemory(thrown)) {
            return Optional.empty();
        }
        return failure();
    }

    /** One trace line: no addresses, so it is the same in every JVM. */
    String describe() {
        return what + " -> " + (thrown == null ? "ok" : thrown.getClass().getSimpleName());
    }
}
