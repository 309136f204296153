package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Brings a JVM to the same state before a scenario's schedules run, whatever ran in it before, so
 * a schedule does the same in every JVM: in a fresh worker JVM, after other seeds, in a replay.
 *
 * <p>Why: a scheduled run that is the first to reach a call site links it (a lambda, a string
 * concatenation, a {@code VarHandle} access mode: the JVM asks {@code MethodType} to intern types,
 * whose weak table is purged of what the garbage collector cleared, and looked up by identity
 * hashes) and initialises classes; Fray schedules every memory access of the JDK code doing it, so
 * that run takes hundreds of steps more, and every later random choice of its schedule moves. Which
 * run is first depended on the seeds run before and on the OS's interleaving of a plain warm-up
 * (measured in docs/evidence/races.md). So, before any scenario is measured: once per JVM, the
 * generator's first {@link #JVM_SEEDS} scenarios (every call kind, the listener, the caches' paths)
 * as whole calls on one thread (classes load in one order), then each on plain threads and under
 * {@link #SCHEDULES}; then, per scenario, the last two for it and its defects (their code paths).
 * The runs' results are not looked at.
 */
final class WarmUp {

    /** Enough seeds that every call kind the generator draws is among them, under the warm-up schedules. */
    static final int JVM_SEEDS = 16;
    /**
     * Fixed schedules, different interleavings (preempting inside calls, so contended paths link).
     * POS and random only: PCT may starve a spinning thread until the step budget.
     */
    static final List<FraySchedule> SCHEDULES = List.of(new FraySchedule(FraySchedule.Strategy.POS, 1, 0),
            new FraySchedule(FraySchedule.Strategy.RANDOM, 2, 0), new FraySchedule(FraySchedule.Strategy.POS, 3, 0));

    private WarmUp() {
    }

    /** The JVM's warm-up (the first time only), then {@code scenario}'s own under {@code defects}. */
    static void forScenario(Scenario scenario, Defects defects) {
        Jvm.ensure();
        runDiscarded(scenario, defects);
    }

    /** The once-per-JVM part: class initialisation is the JVM's own run-once. */
    private static final class Jvm {
        static {
            // Whole calls on this thread first, one lane after another: the classes the calls use
            // load in one order in every JVM. Fray's agent decides as a class loads which field
            // reads in it are scheduling points (a read of a class not yet loaded is one), so the
            // order classes load in decides how many steps a schedule takes.
            for (long seed = 0; seed < JVM_SEEDS; seed++) {
                runInOrder(ScenarioGenerator.generate(seed));
            }
            for (long seed = 0; seed < JVM_SEEDS; seed++) {
                runDiscarded(ScenarioGenerator.generate(seed), Defects.none());
            }
        }

        static void ensure() {
            // initialising the class ran the warm-up
        }
    }

    private static void runInOrder(Scenario scenario) {
        List<Integer> order = new ArrayList<>();
        for (int lane = 0; lane < scenario.threads().size(); lane++) {
            order.addAll(Collections.nCopies(scenario.threads().get(lane).size(), lane));
        }
        try (ScenarioRun run = new ScenarioRun(scenario, Defects.none())) {
            run.runInOrder(order);
        }
    }

    private static void runDiscarded(Scenario scenario, Defects defects) {
        // On plain threads first: a class initialised under Fray once deadlocked (a JFR event class).
        try (ScenarioRun run = new ScenarioRun(scenario, defects)) {
            run.runThreads();
            run.finish();
        }
        for (FraySchedule schedule : SCHEDULES) {
            ScenarioRun[] built = new ScenarioRun[1];
            schedule.run(() -> {
                built[0] = new ScenarioRun(scenario, defects);
                built[0].runThreads();
                built[0].finish();
            });
            if (built[0] != null) {
                built[0].close();
            }
        }
    }
}
