package io.segcheck.model;

import java.util.ArrayList;
import java.util.List;

/** The current step and the violations found so far; shared by the parts of one model. */
final class Journal {

    private int step = -1;
    private final List<Violation> violations = new ArrayList<>();

    int step() {
        return step;
    }

    void step(int newStep) {
        step = newStep;
    }

    void report(ViolationKind kind, String message) {
        violations.add(Violation.of(kind, step, message));
    }

    List<Violation> drain() {
        List<Violation> found = List.copyOf(violations);
        violations.clear();
        return found;
    }
}
