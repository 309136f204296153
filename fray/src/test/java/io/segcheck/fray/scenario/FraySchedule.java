package io.segcheck.fray.scenario;

import io.segcheck.kit.fray.FrayExplorer;
import kotlin.Unit;
import org.pastalab.fray.core.TestRunner;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.command.ExecutionInfo;
import org.pastalab.fray.core.command.LambdaExecutor;
import org.pastalab.fray.core.command.NetworkDelegateType;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandom;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.scheduler.PCTScheduler;
import org.pastalab.fray.core.scheduler.POSScheduler;
import org.pastalab.fray.core.scheduler.RandomScheduler;
import org.pastalab.fray.core.scheduler.Scheduler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;

/**
 * One schedule: the scheduler of {@code strategy}, its random choices from {@code seed}, its
 * {@code bound} (PCT: the step count its priority change points are drawn from; PREEMPT: the commits
 * its preemptions are drawn from; 0 for the others), and whether every field and array
 * access is a switch point ({@code memoryOps}) or only synchronisation (atomics, volatiles, locks,
 * thread operations). The four decide every thread switch of one run, so a schedule runs again
 * exactly from them (a replay file holds them). Each schedule is its own one-iteration Fray run,
 * which is what makes it replayable alone.
 */
record FraySchedule(Strategy strategy, long seed, int bound, boolean memoryOps) {

    /** A schedule whose switch points are as {@code -Dfray.interleaveMemoryOps} says (default: every memory access). */
    FraySchedule(Strategy strategy, long seed, int bound) {
        this(strategy, seed, bound, FrayExplorer.interleaveMemoryOps());
    }

    /**
     * Fray's schedulers: POS (partial order sampling), PCT (3 priority change points), uniform
     * random; and segcheck's one or two preemptions before a commit ({@link PreemptBeforeWriteScheduler}).
     */
    enum Strategy {
        POS, PCT, RANDOM, PREEMPT
    }

    private static final int TIMEOUT_SECONDS = 120;

    String text() {
        return strategy + " seed=" + seed + (strategy == Strategy.PCT ? " steps=" + bound : "")
                + (strategy == Strategy.PREEMPT ? " commits=" + bound : "")
                + (memoryOps ? "" : " syncOnly");
    }

    /**
     * Scheduling steps one run may take before Fray stops it with a {@code LivenessException}. A
     * generated scenario's run takes a few thousand; a thread that spins waiting for another (a
     * retry loop in Caffeine's map waiting for a removal to finish) never ends under PCT once it
     * holds the highest priority after the last change point, because PCT then never picks the
     * thread it waits for. Counting steps, not seconds, keeps the verdict the same on any machine.
     */
    static final int MAX_STEPS = Integer.getInteger("races.maxSteps", 200_000);

    /**
     * What the Fray run said: null when it ran to the end; the scheduling steps the scenario's own
     * code took ({@code steps}: up to where the scheduled body returned, so Fray's tear-down after
     * it is not counted: that shuts a thread pool down through a set hashed by identity, whose
     * steps vary by process); every scheduling step taken; and, when the run hit
     * {@link #MAX_STEPS}, where each thread was shortly before.
     */
    record Ran(Throwable frayFailure, int steps, long scheduledSteps, String stacksNearBudget, int commits) {

        /** Fray stopped the run at the step budget: neither a pass nor a failure of the system. */
        boolean stepBudgetExceeded() {
            // Fray throws its LivenessException in the thread that took the last step, and its
            // runner does not always hand it back (seen: null, with every thread still spinning):
            // the count of this schedule's own decisions says it too.
            if (scheduledSteps >= MAX_STEPS) {
                return true;
            }
            for (Throwable cause = frayFailure; cause != null; cause = cause.getCause()) {
                if (cause.getClass().getSimpleName().equals("LivenessException")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Runs {@code threads} (the scenario's threads, started and joined) under this schedule. */
    Ran run(Runnable threads) {
        Randomness randomness = new ControlledRandom(new ArrayList<>(), new ArrayList<>(), new Random(seed));
        StepCountingScheduler scheduler = new StepCountingScheduler(scheduler(randomness), randomness, MAX_STEPS);
        Configuration config = new Configuration(
                new ExecutionInfo(new LambdaExecutor(() -> {
                    threads.run();
                    scheduler.bodyReturned();
                    return Unit.INSTANCE;
                }), false, memoryOps, MAX_STEPS),
                reportFolder(), 1, TIMEOUT_SECONDS, scheduler,
                () -> new ControlledRandom(new ArrayList<>(), new ArrayList<>(), new Random(seed)),
                true, false, true, true, false, false,
                NetworkDelegateType.NONE, SystemTimeDelegateType.NONE, 100_000L,
                true, false, true, false, false, false, TimelineCoverageType.NONE);
        Throwable failure = new TestRunner(config).run();
        int commits = scheduler.delegate() instanceof PreemptBeforeWriteScheduler preempt ? preempt.commits() : 0;
        return new Ran(failure, (int) scheduler.bodySteps(), scheduler.steps(), scheduler.stacksNearBudget(), commits);
    }

    private Scheduler scheduler(Randomness randomness) {
        return switch (strategy) {
            case POS -> new POSScheduler(randomness);
            case PCT -> new PCTScheduler(randomness, 3, bound);
            case RANDOM -> new RandomScheduler(randomness);
            case PREEMPT -> new PreemptBeforeWriteScheduler(randomness, seed, bound);
        };
    }

    /** target/fray/scenarios: Fray's log of these runs (a replay run writes no recording there). */
    private static Path reportFolder() {
        Path workDir = Path.of(System.getProperty("fray.workDir", "target/fray/fray-report"));
        return workDir.toAbsolutePath().getParent().resolve("scenarios");
    }
}
