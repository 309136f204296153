package io.segcheck.sim.world;

import io.segcheck.model.OwnershipModel;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The first violation of a run; later ones are consequences of it and are dropped. One exception
 * keeps one bug one finding: when a step first upsets a counter (STATS, LEAK) and then shows that it
 * accepted a bad release (DOUBLE_RELEASE, FOREIGN_RELEASE, STALE_RELEASE), the release is the cause
 * the same step explains both with, so it becomes the finding and carries the counter's message.
 */
final class Findings {

    private static final Set<ViolationKind> ACCEPTED_RELEASES = EnumSet.of(ViolationKind.DOUBLE_RELEASE,
            ViolationKind.FOREIGN_RELEASE, ViolationKind.STALE_RELEASE);
    private static final Set<ViolationKind> COUNTERS = EnumSet.of(ViolationKind.STATS, ViolationKind.LEAK);

    private Violation first;
    private int step = -1;

    void step(int stepIndex) {
        step = stepIndex;
    }

    void report(ViolationKind kind, String message) {
        keep(Violation.of(kind, step, message));
    }

    /** Takes the model's own findings (ALIAS, BUDGET, illegal evictions ...). */
    void takeFrom(OwnershipModel model) {
        List<Violation> found = model.drainViolations();
        if (!found.isEmpty()) {
            keep(found.get(0).atStep(step));
        }
    }

    private void keep(Violation found) {
        if (first == null) {
            first = found;
        } else if (explains(found, first)) {
            first = Violation.of(found.kind(), found.stepIndex(), found.message() + " (the same step also broke a"
                    + " counter: " + first.kind() + ": " + first.message() + ")");
        }
    }

    /** Whether {@code cause}, an accepted bad release, explains {@code symptom}, a counter of the same step. */
    private static boolean explains(Violation cause, Violation symptom) {
        return cause.stepIndex() == symptom.stepIndex() && ACCEPTED_RELEASES.contains(cause.kind())
                && COUNTERS.contains(symptom.kind());
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
