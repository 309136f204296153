package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

/**
 * A scenario and schedule that broke something: the symptom (a violation kind, or
 * {@code NOT_LINEARIZABLE}), its sentence, the run's history and the linearizability verdict when
 * that check was the one that failed.
 */
record Finding(Scenario scenario, Defects defects, FraySchedule schedule, String symptom, String message,
               History history, Linearizability.Verdict verdict) {

    static final String NOT_LINEARIZABLE = "NOT_LINEARIZABLE";
}
