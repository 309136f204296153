package io.segcheck.fray.scenario;

import org.pastalab.fray.core.ThreadContext;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.scheduler.Scheduler;

import java.util.Collection;
import java.util.List;

/**
 * Fray's scheduler of one schedule, counting its steps: when a run nears the step budget (where
 * Fray stops it), it notes where every thread of the run stands, so a run stopped there says
 * which loop it was caught in instead of only that it was long.
 */
final class StepCountingScheduler extends Scheduler {

    private final Scheduler delegate;
    private final long snapshotAt;
    private long steps;
    private String stacksNearBudget = "";

    StepCountingScheduler(Scheduler delegate, Randomness randomness, int maxSteps) {
        super(randomness);
        this.delegate = delegate;
        this.snapshotAt = maxSteps - Math.max(1, maxSteps / 100);
    }

    @Override
    public ThreadContext scheduleNextOperation(List<ThreadContext> enabled, Collection<ThreadContext> all) {
        steps++;
        if (steps == snapshotAt) {
            stacksNearBudget = stacks(enabled, all);
        }
        return delegate.scheduleNextOperation(enabled, all);
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
