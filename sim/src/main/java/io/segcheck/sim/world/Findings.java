package io.segcheck.sim.world;

import io.segcheck.model.OwnershipModel;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.List;

/** The first violation of a run; later ones are consequences of it and are dropped. */
final class Findings {

    private Violation first;
    private int step = -1;

    void step(int stepIndex) {
        step = stepIndex;
    }

    void report(ViolationKind kind, String message) {
        if (first == null) {
            first = Violation.of(kind, step, message);
        }
    }

    /** Takes the model's own findings (ALIAS, BUDGET, illegal evictions ...). */
    void takeFrom(OwnershipModel model) {
        List<Violation> found = model.drainViolations();
        if (first == null && !found.isEmpty()) {
            first = found.get(0).atStep(step);
        }
    }

    /** Forgets the first violation, so a run can go on to show what followed from it. */
    void clear() {
        first = null;
    }

    boolean any() {
        return first != null;
    }

    Violation first() {
        return first;
    }
}
