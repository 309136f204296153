package io.segcheck.stress.lincheck;

import io.segcheck.kit.SystemProperties;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
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
                .iterations(property("stress.lincheck.iterations", 8))
                .invocationsPerIteration(property("stress.lincheck.invocations", 150))
                .threads(2)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    /**
     * Model checking of the page layer, where every method of the page, its ownership edges, the
     * allocator and Caffeine is one atomic step (no thread switch inside it).
     *
     * <p>Why: the page guards its state with a {@code ReentrantLock}, and Lincheck 3.7's model
     * checker cannot schedule a thread that parks on a {@code java.util.concurrent} lock
     * (JetBrains/lincheck#167): a switch while one thread holds the lock and the other blocks on it
     * hangs the run. Making each locked method one step means the lock is never contended under
     * the model checker. The schedules explored are then the interleavings between page calls
     * (cache lookup vs. retire, guard vs. orphaning, resize vs. return at call level); the stress
     * mode and the JCStress tests run the same races with no such restriction. The allocator's own
     * concurrency is model checked by {@code AllocatorLincheckTest}, Caffeine's by its project.
     */
    static ModelCheckingOptions modelCheckingOfPages(int actorsPerThread) {
        return modelChecking(actorsPerThread)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(LincheckSettings::isAtomicStep)
                        .allMethods().treatAsAtomic());
    }

    /**
     * Model checking for a broken sibling: one operation per thread and nothing before or after,
     * and no minimization, so the failing scenario Lincheck reports is the race between two threads
     * it found, not a shorter sequential misuse.
     */
    static ModelCheckingOptions raceOnlyModelCheckingOfPages() {
        return modelCheckingOfPages(1).actorsBefore(0).actorsAfter(0).minimizeFailedScenario(false);
    }

    private static boolean isAtomicStep(String className) {
        return className.startsWith("io.segcheck.impl.alloc.")
                || className.equals("io.segcheck.impl.page.KeyValueLeafPage")
                || className.equals("io.segcheck.impl.page.PageOwnership")
                || className.startsWith("com.github.benmanes.caffeine.")
                || className.equals("io.segcheck.stress.RaceOutcomes") // pure functions of one thread's data
                || isJdkInternal(className);
    }

    /** JDK machinery that is thread-confined per call: foreign memory access, method handles, JFR. */
    static boolean isJdkInternal(String className) {
        return className.startsWith("jdk.internal.foreign.")
                || className.startsWith("java.lang.foreign.")
                || className.startsWith("java.lang.invoke.")
                || className.startsWith("jdk.jfr.");
    }

    /** Stress: the same scenarios on real threads, no instrumentation of the schedule. */
    static StressOptions stress(int actorsPerThread) {
        return new StressOptions()
                .iterations(property("stress.lincheck.stressIterations", 5))
                .invocationsPerIteration(property("stress.lincheck.stressInvocations", 100))
                .threads(2)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    /** Model-checking invocations per scenario ({@code stress.lincheck.invocations}). */
    static int invocations() {
        return property("stress.lincheck.invocations", 150);
    }

    private static int property(String name, int fallback) {
        return SystemProperties.intProperty(name, fallback);
    }
}
