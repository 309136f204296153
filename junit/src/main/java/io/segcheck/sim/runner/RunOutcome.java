package io.segcheck.sim.runner;

import io.segcheck.model.Violation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one execution of a list of steps did.
 *
 * @param steps the steps that ran: all of them when the run reached quiesce, else the prefix up to
 *     and including the step that failed (a failing run never needs the steps after its failure)
 * @param violation the first violation, if any
 * @param internalFailure an exception that is not a violation, if any (then {@code violation} is empty)
 * @param traceHash the {@link TraceHash} of every trace line, quiesce included
 * @param trace the trace lines, or an empty list when the caller did not ask to keep them
 * @param ownership per trace line, the subject's {@link Subject#ownership()} snapshot; empty when
 *     the trace was not kept
 */
public record RunOutcome(List<Step> steps, Optional<Violation> violation, Optional<InternalFailure> internalFailure,
        long traceHash, List<String> trace, List<Map<String, String>> ownership) {

    public RunOutcome {
        steps = List.copyOf(steps);
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(internalFailure, "internalFailure");
        trace = List.copyOf(trace);
        ownership = List.copyOf(ownership);
        if (violation.isPresent() && internalFailure.isPresent()) {
            throw new IllegalArgumentException("an outcome has a violation or an internal failure, not both: "
                    + violation.get() + " / " + internalFailure.get());
        }
    }

    public boolean clean() {
        return violation.isEmpty() && internalFailure.isEmpty();
    }

    /**
     * What kind of failure this is, empty when clean: the violation kind's name, or
     * {@code internal:<exception class>}. Shrinking keeps a candidate only if its signature is equal.
     */
    public Optional<String> signature() {
        if (violation.isPresent()) {
            return Optional.of(violation.get().kind().name());
        }
        return internalFailure.map(InternalFailure::signature);
    }

    /** The violation sentence or the internal failure sentence; "clean" when clean. */
    public String sentence() {
        if (violation.isPresent()) {
            return violation.get().sentence();
        }
        return internalFailure.map(InternalFailure::sentence).orElse("clean");
    }
}
