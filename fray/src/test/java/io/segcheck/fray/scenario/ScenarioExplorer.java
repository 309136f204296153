package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one scenario under N schedules and judges every run: what the threads saw broken, the
 * ownership invariants and quiesce (in {@link ScenarioRun#finish()}), then linearizability against
 * the model. Schedules rotate over POS, PCT, random and PREEMPT, with and without memory accesses as
 * switch points; PCT's step count and PREEMPT's commit count are learnt from the previous run of the
 * same scenario under the same scheduler in the same mode. Runs that did exactly the same (equal
 * {@link History#signature()}) are judged once.
 */
final class ScenarioExplorer {

    /** Reference worlds one linearizability check may build before it is undecided. */
    static final int MAX_WORLDS = 400;
    /**
     * One turn of the rotation: a scheduler, and whether memory accesses are switch points. PCT twice
     * in every five: its priority change points preempt a thread between two lock-free steps while
     * another runs whole calls; POS finds the races of locked code; uniform random the short ones;
     * PREEMPT ({@link PreemptBeforeWriteScheduler}) one or two preemptions, each right before the act
     * of a check-then-act, the others run whole meanwhile (the free stack's ABA was found by nothing
     * else). Every second five with synchronisation only as switch points (atomics, volatiles,
     * locks): a run then takes far fewer steps, so PCT's three change points and POS's priorities
     * land on the few steps a lock-free race turns on (a free stack's head read and its
     * compare-and-set, a look at the stack and the take of it) instead of among thousands of plain
     * field accesses.
     */
    private record Turn(FraySchedule.Strategy strategy, boolean memoryOps) {
    }

    private static final List<Turn> ROTATION = List.of(new Turn(FraySchedule.Strategy.PCT, true),
            new Turn(FraySchedule.Strategy.POS, true), new Turn(FraySchedule.Strategy.PCT, true),
            new Turn(FraySchedule.Strategy.RANDOM, true), new Turn(FraySchedule.Strategy.PREEMPT, true),
            new Turn(FraySchedule.Strategy.PCT, false), new Turn(FraySchedule.Strategy.POS, false),
            new Turn(FraySchedule.Strategy.PCT, false), new Turn(FraySchedule.Strategy.RANDOM, false),
            new Turn(FraySchedule.Strategy.PREEMPT, false));

    /**
     * What exploring one scenario did: schedules run, the first finding, checks left undecided, and
     * the runs Fray stopped at the step budget ({@link FraySchedule#MAX_STEPS}): neither passed nor
     * failed, counted and reported, never taken for a pass.
     */
    record Outcome(int schedulesRun, Finding finding, int undecided, List<StepBudgetRun> stepBudgetRuns) {
    }

    /** A run stopped at the step budget: its schedule and where its threads stood shortly before. */
    record StepBudgetRun(FraySchedule schedule, String stacks) {
    }

    private final Scenario scenario;
    private final Defects defects;
    private final Map<String, Optional<Finding>> judged = new HashMap<>();
    private final List<StepBudgetRun> stepBudgetRuns = new ArrayList<>();
    /**
     * The bound each scheduler's schedules draw from, learnt per mode (index 1 with memory accesses as
     * switch points, 0 without) as the most the runs so far saw: PCT's steps, PREEMPT's commits.
     */
    private final int[][] learnt = new int[FraySchedule.Strategy.values().length][2];
    private int undecided;

    ScenarioExplorer(Scenario scenario, Defects defects) {
        this.scenario = scenario;
        this.defects = defects;
    }

    /** Up to {@code schedules} schedules; stops at the first finding. */
    Outcome explore(int schedules) {
        warmUp();
        for (int index = 0; index < schedules; index++) {
            FraySchedule schedule = schedule(index);
            Optional<Finding> finding = run(schedule);
            if (finding.isPresent()) {
                return new Outcome(index + 1, finding.get(), undecided, List.copyOf(stepBudgetRuns));
            }
        }
        return new Outcome(schedules, null, undecided, List.copyOf(stepBudgetRuns));
    }

    /** Schedule {@code index} of this scenario: the strategy and mode by rotation, the seed mixed from the scenario's. */
    FraySchedule schedule(int index) {
        Turn turn = ROTATION.get(Math.floorMod(index + scenario.seed(), ROTATION.size()));
        long seed = scenario.seed() * 1_000_003L + index;
        return new FraySchedule(turn.strategy(), seed, learnt[turn.strategy().ordinal()][mode(turn.memoryOps())],
                turn.memoryOps());
    }

    private static int mode(boolean memoryOps) {
        return memoryOps ? 1 : 0;
    }

    /** What one run under {@code schedule} did, as {@link History#signature()} (or how it stopped), unjudged. */
    String signatureOf(FraySchedule schedule) {
        warmUp();
        ScenarioRun[] built = new ScenarioRun[1];
        History[] finished = new History[1];
        FraySchedule.Ran ran = schedule.run(() -> {
            built[0] = new ScenarioRun(scenario, defects);
            built[0].runThreads();
            finished[0] = built[0].finish();
        });
        if (built[0] != null) {
            built[0].close();
        }
        return (finished[0] == null ? "stopped" : Integer.toHexString((finished[0].signature() + "|"
                + finished[0].broken()).hashCode())) + "/" + ran.steps();
    }

    /** One schedule again, after the same warm-up as an exploration (classes initialised before Fray runs). */
    Optional<Finding> replay(FraySchedule schedule) {
        warmUp();
        return run(schedule);
    }

    /** One run under {@code schedule}, judged. */
    Optional<Finding> run(FraySchedule schedule) {
        ScenarioRun[] built = new ScenarioRun[1];
        History[] finished = new History[1];
        // The system is built inside the scheduled run: Fray models only the locks and conditions it
        // saw made. The checks after the threads (quiesce calls the cache again) run inside it too,
        // under the same step budget: a fixed-system run once left a Caffeine write buffer whose
        // every later offer spun (its producer index odd, as during a resize) after all threads had
        // ended, and quiesce then spun for ever on plain time, where no budget stopped it.
        Throwable[] thrown = new Throwable[1];
        FraySchedule.Ran ran = schedule.run(() -> {
            try {
                built[0] = new ScenarioRun(scenario, defects);
                built[0].runThreads();
                finished[0] = built[0].finish();
            } catch (RuntimeException | Error failure) {
                thrown[0] = failure;
                throw failure;
            }
        });
        if (ran.stepBudgetExceeded()) {
            // Stopped mid-run (the threads' calls, or the checks after them, never ended): nothing to judge.
            stepBudgetRuns.add(new StepBudgetRun(schedule, ran.stacksNearBudget()));
            if (built[0] != null) {
                built[0].close();
            }
            return Optional.empty();
        }
        int mode = mode(schedule.memoryOps());
        int[] bounds = learnt[schedule.strategy().ordinal()];
        bounds[mode] = Math.max(bounds[mode], switch (schedule.strategy()) {
            case PCT -> ran.steps();
            case PREEMPT -> ran.commits();
            default -> 0;
        });
        if (built[0] == null) {
            throw new IllegalStateException("Fray did not run the scenario: " + ran.frayFailure(), ran.frayFailure());
        }
        try (ScenarioRun run = built[0]) {
            if (ran.frayFailure() != null || finished[0] == null) {
                // Fray ended the threads wherever they were: the system may be torn mid-call, so no
                // check that calls it again runs; the calls recorded so far are the history.
                return Optional.of(new Finding(scenario, defects, schedule, "FRAY_FAILURE",
                        "Fray stopped the run: " + (ran.frayFailure() != null ? ran.frayFailure()
                        : "the scheduled part threw " + stackOf(thrown[0])) + " after " + ran.scheduledSteps()
                        + " scheduling decisions\n" + ran.stacksNearBudget(), run.history(), null));
            }
            return judge(schedule, finished[0]);
        }
    }

    private static String stackOf(Throwable failure) {
        if (failure == null) {
            return "nothing, yet did not end";
        }
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    /** The checks of one run's history; the same history is judged once. */
    Optional<Finding> judge(FraySchedule schedule, History history) {
        String signature = history.signature() + "|" + history.broken();
        Optional<Finding> known = judged.get(signature);
        if (known != null) {
            return known.map(finding -> new Finding(scenario, defects, schedule, finding.symptom(), finding.message(),
                    history, finding.verdict()));
        }
        Optional<Finding> finding = judgeNew(schedule, history);
        judged.put(signature, finding);
        return finding;
    }

    private Optional<Finding> judgeNew(FraySchedule schedule, History history) {
        if (!history.broken().isEmpty()) {
            History.Broken first = history.broken().getFirst();
            return Optional.of(new Finding(scenario, defects, schedule, first.kind().name(), first.message(), history, null));
        }
        Linearizability.Verdict verdict = Linearizability.check(scenario, history, MAX_WORLDS);
        if (verdict.undecided()) {
            undecided++;
        }
        if (verdict.explained() || verdict.undecided()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(scenario, defects, schedule, Finding.NOT_LINEARIZABLE, verdict.describe(), history,
                verdict));
    }

    /** {@link WarmUp#forScenario}: the JVM brought to the same state before any schedule of this scenario. */
    private void warmUp() {
        WarmUp.forScenario(scenario, defects);
    }

    /** The commits learnt so far for {@code memoryOps} (0 before any PREEMPT run in that mode). */
    int learntCommits(boolean memoryOps) {
        return learnt[FraySchedule.Strategy.PREEMPT.ordinal()][mode(memoryOps)];
    }

    int undecided() {
        return undecided;
    }
}
