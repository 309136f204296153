package io.segcheck.fray.scenario;

import org.pastalab.fray.core.ThreadContext;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.scheduler.Scheduler;

import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fray's scheduler of one schedule, counting its steps: once a run is past half the step budget
 * (where Fray stops it), it notes where every thread of the run stands now and then, so a run
 * stopped there says which loop it was caught in instead of only that it was long.
 *
 * <p>Past half the budget it also stops asking the schedule's own scheduler and picks uniformly
 * among the enabled threads (a fair tail, seeded, so a schedule still runs the same every time).
 * PCT gives the highest-priority thread every step after its last change point, and POS can keep
 * doing so for long: a thread spinning for another thread's next step (Caffeine's lock-free write
 * buffer spins so) then spins for ever, which no real scheduler does. Under the fair tail such a
 * run ends; a run that still meets the budget does not end even when every thread gets steps, a
 * liveness failure worth reporting.
 */
final class StepCountingScheduler extends Scheduler {

    private final Scheduler delegate;
    private static final int SNAPSHOT_EVERY = 5_000;
    private final long snapshotFrom;
    private long steps;
    private long bodySteps = -1;
    private String stacksNearBudget = "";
    /** The fair tail's choices: from a fixed seed, so the tail of a schedule is the same in every run. */
    private final SplittableRandom tail = new SplittableRandom(0x7A11L);
    private long fairTailSteps;

    StepCountingScheduler(Scheduler delegate, Randomness randomness, int maxSteps) {
        super(randomness);
        this.delegate = delegate;
        this.snapshotFrom = maxSteps / 2;
    }

    @Override
    public ThreadContext scheduleNextOperation(List<ThreadContext> enabled, Collection<ThreadContext> all) {
        steps++;
        // Fray counts its steps apart from this scheduler's, so where it stops is not known here:
        // past half the budget, note where the threads stand every so often; the last note stays.
        if (steps >= snapshotFrom && steps % SNAPSHOT_EVERY == 0) {
            stacksNearBudget = "after " + steps + " scheduling decisions:\n" + stacks(enabled, all);
        }
        if (steps > snapshotFrom && !enabled.isEmpty()) {
            fairTailSteps++;
            return enabled.get(tail.nextInt(enabled.size()));
        }
        return delegate.scheduleNextOperation(enabled, all);
    }

    /** Decisions the fair tail made (0 for every run shorter than half the step budget). */
    long fairTailSteps() {
        return fairTailSteps;
    }

    @Override
    public Scheduler nextIteration(Randomness randomness) {
        throw new UnsupportedOperationException("one schedule is one iteration");
    }

    Scheduler delegate() {
        return delegate;
    }

    long steps() {
        return steps;
    }

    /** The scheduled body (the scenario and its checks) returned: its steps end here. */
    void bodyReturned() {
        bodySteps = steps;
    }

    /** Steps up to where the scheduled body returned; all steps when it never did (it threw, or Fray stopped it). */
    long bodySteps() {
        return bodySteps < 0 ? steps : bodySteps;
    }

    String stacksNearBudget() {
        return stacksNearBudget;
    }

    private static String stacks(List<ThreadContext> enabled, Collection<ThreadContext> all) {
        StringBuilder text = new StringBuilder();
        for (ThreadContext context : all) {
            Thread thread = context.getThread();
            text.append(thread.getName()).append(enabled.contains(context) ? " (enabled)" : " (blocked)")
                    .append(' ').append(context.getState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (!frame.getClassName().startsWith("org.pastalab")) {
                    text.append("    at ").append(frame).append('\n');
                }
            }
        }
        return text.toString();
    }
}
