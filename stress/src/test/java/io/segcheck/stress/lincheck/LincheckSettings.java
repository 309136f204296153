package io.segcheck.stress.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck options shared by every test, sized from system properties so that {@code mvn verify}
 * stays inside the stress module's time budget and {@code -Pdeep} explores more.
 *
 * <p>Properties (set by the stress pom, overridable with {@code -D}):
 * {@code stress.lincheck.iterations} / {@code stress.lincheck.invocations} for model checking,
 * {@code stress.lincheck.stressIterations} / {@code stress.lincheck.stressInvocations} for stress.
 * Two threads match the two cores the build runs on; scenarios stay small because every
 * interesting race here is between two operations on one page.
 */
final class LincheckSettings {

    private LincheckSettings() {
    }

    /** Model checking: every scenario is explored over many thread-switch schedules. */
    static ModelCheckingOptions modelChecking(int actorsPerThread) {
        return new ModelCheckingOptions()
                .iterations(property("stress.lincheck.iterations", 20))
                .invocationsPerIteration(property("stress.lincheck.invocations", 500))
                .threads(2)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    /** Stress: the same scenarios on real threads, no instrumentation of the schedule. */
    static StressOptions stress(int actorsPerThread) {
        return new StressOptions()
                .iterations(property("stress.lincheck.stressIterations", 10))
                .invocationsPerIteration(property("stress.lincheck.stressInvocations", 200))
                .threads(2)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    private static int property(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + "=" + value + " is not an integer", notANumber);
        }
    }
}
