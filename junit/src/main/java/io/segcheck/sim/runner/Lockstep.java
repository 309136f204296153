package io.segcheck.sim.runner;

import io.segcheck.model.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The lockstep loop: applies steps to a fresh {@link Subject} one at a time, stops at the first
 * violation, and quiesces when every step passed, so a leak shows up even when no single step
 * misbehaved.
 *
 * <p>Every run gets its own subject, closed at the end, so a run's outcome depends only on its
 * configuration and its steps.
 */
public final class Lockstep {

    private final SubjectFactory factory;

    public Lockstep(SubjectFactory factory) {
        this.factory = factory;
    }

    /** Runs {@code steps} in a world built from {@code config}; keeps the trace lines when asked. */
    public RunOutcome execute(RunConfig config, List<Step> steps, boolean keepTrace) {
        return execute(config, steps, keepTrace, null);
    }

    /** As {@link #execute(RunConfig, List, boolean)}, adding the world's marks to {@code marks} (when not null). */
    public RunOutcome execute(RunConfig config, List<Step> steps, boolean keepTrace, MarkTally marks) {
        Recorder recorder = new Recorder(keepTrace);
        Subject subject;
        try {
            ThreadRandomSeeding.seed(config.seed(), -1);
            subject = factory.create(config);
        } catch (RuntimeException | AssertionError failure) {
            return recorder.internal(List.of(), new InternalFailure(-1, "create", failure));
        }
        RunOutcome outcome = runSteps(config.seed(), subject, steps, recorder);
        if (marks != null) {
            marks.add(subject.marks());
        }
        try {
            subject.close();
        } catch (RuntimeException | AssertionError failure) {
            if (outcome.clean()) {
                return recorder.internal(steps, new InternalFailure(steps.size(), "close", failure));
            }
        }
        return outcome;
    }

    /**
     * What followed from the first violation of {@code steps}: runs them again, goes on past each
     * violation, and returns the first later one that shows the damage. An ALIAS (the memory handed
     * to a second owner) is preferred over anything else; else the first of another kind. Empty when
     * nothing else went wrong or the subject cannot go on past a violation.
     */
    public Optional<Violation> consequence(RunConfig config, List<Step> steps) {
        Subject subject;
        try {
            ThreadRandomSeeding.seed(config.seed(), -1);
            subject = factory.create(config);
        } catch (RuntimeException | AssertionError failure) {
            return Optional.empty();
        }
        Violation first = null;
        Violation other = null;
        try {
            for (int i = 0; i <= steps.size(); i++) {
                ThreadRandomSeeding.seed(config.seed(), i);
                Optional<Violation> found = i < steps.size() ? subject.apply(i, steps.get(i)) : subject.quiesce(i);
                if (found.isEmpty()) {
                    continue;
                }
                if (first == null) {
                    first = found.get();
                } else if (found.get().kind() == io.segcheck.model.ViolationKind.ALIAS) {
                    return found;
                } else if (other == null && found.get().kind() != first.kind()) {
                    other = found.get();
                }
                if (!subject.continuePastViolation()) {
                    break;
                }
            }
        } catch (RuntimeException | AssertionError consequenceIsBestEffort) {
            // the world went past a violation into a state it cannot handle; report what was seen so far
        } finally {
            try {
                subject.close();
            } catch (RuntimeException | AssertionError ignored) {
                // closing a world that went past its violation is best effort too
            }
        }
        return Optional.ofNullable(other);
    }

    private static RunOutcome runSteps(long seed, Subject subject, List<Step> steps, Recorder recorder) {
        for (int i = 0; i < steps.size(); i++) {
            Optional<Violation> violation;
            try {
                ThreadRandomSeeding.seed(seed, i); // Caffeine's admission draws from it (see ThreadRandomSeeding)
                violation = subject.apply(i, steps.get(i));
                recorder.line(subject);
            } catch (RuntimeException | AssertionError failure) {
                return recorder.internal(steps.subList(0, i + 1), new InternalFailure(i, "apply", failure));
            }
            if (violation.isPresent()) {
                return recorder.violation(steps.subList(0, i + 1), violation.get());
            }
        }
        try {
            ThreadRandomSeeding.seed(seed, steps.size());
            Optional<Violation> violation = subject.quiesce(steps.size());
            recorder.line(subject);
            return violation.map(found -> recorder.violation(steps, found)).orElseGet(() -> recorder.clean(steps));
        } catch (RuntimeException | AssertionError failure) {
            return recorder.internal(steps, new InternalFailure(steps.size(), "quiesce", failure));
        }
    }

    /** Collects the trace of one run and builds its outcome. */
    private static final class Recorder {
        private final boolean keepTrace;
        private final TraceHash hash = new TraceHash();
        private final List<String> lines = new ArrayList<>();
        private final List<Map<String, String>> ownership = new ArrayList<>();

        Recorder(boolean keepTrace) {
            this.keepTrace = keepTrace;
        }

        void line(Subject subject) {
            String traceLine = subject.traceLine();
            hash.add(traceLine);
            if (keepTrace) {
                lines.add(traceLine);
                ownership.add(new TreeMap<>(subject.ownership())); // sorted: the timeline lists segments in a stable order
            }
        }

        RunOutcome clean(List<Step> steps) {
            return new RunOutcome(steps, Optional.empty(), Optional.empty(), hash.value(), lines, ownership);
        }

        RunOutcome violation(List<Step> steps, Violation violation) {
            return new RunOutcome(steps, Optional.of(violation), Optional.empty(), hash.value(), lines, ownership);
        }

        RunOutcome internal(List<Step> steps, InternalFailure failure) {
            return new RunOutcome(steps, Optional.empty(), Optional.of(failure), hash.value(), lines, ownership);
        }
    }
}
