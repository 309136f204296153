package io.segcheck.sim.pages;

import io.segcheck.kit.PageOracle;
import io.segcheck.model.Violation;
import io.segcheck.model.page.PageDesignModel;

import java.util.Optional;
import java.util.function.Supplier;

/** How a call outside the page seam's judged calls (create, borrow, give back, a guard's close) ended. */
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

    /** A call that should have returned normally: named as the page-design model names any unexpected throw. */
    Optional<Violation> failure() {
        return PageDesignModel.unexpectedThrow(what, thrown, thrown != null && PageOracle.touchedReleasedMemory(thrown));
    }

    /** One trace line: no addresses, so it is the same in every JVM. */
    String describe() {
        return what + " -> " + (thrown == null ? "ok" : thrown.getClass().getSimpleName());
    }
}
