package io.segcheck.sim.runner;

import io.segcheck.model.Violation;

import java.util.Map;
import java.util.Optional;

/**
 * One fresh world for one run: the real system and the model side by side.
 *
 * <p>The runner creates a new subject for every run and every shrink attempt, so nothing may leak
 * from one run into the next. Any exception thrown out of these methods is an internal error of
 * segcheck (exit code 3), not a finding: a disagreement is reported as a {@link Violation}.
 */
public interface Subject extends AutoCloseable {

    /**
     * Applies one step to both sides and compares them. Empty when they agree and every invariant
     * holds. A step whose precondition does not hold (e.g. no live page) is a no-op, so any
     * sub-sequence of a run stays runnable.
     */
    Optional<Violation> apply(int stepIndex, Step step);

    /**
     * The end of a run: invalidate all, unguard all, return all, clear pools; every leased segment
     * must come back. {@code stepIndex} is the number of steps applied before it.
     */
    Optional<Violation> quiesce(int stepIndex);

    /**
     * What the last {@link #apply} or {@link #quiesce} did, as one line of results (values, errors,
     * counters; no identity hash codes or addresses that differ between JVMs). The runner hashes
     * these lines to prove that a seed is deterministic.
     */
    String traceLine();

    /**
     * Optional, for the HTML ownership timeline of a failing run: who owns each segment right now,
     * as segment label (stable for one lease, e.g. {@code "4096@0x7f00..#12"}) to owner and state
     * (e.g. {@code "page#3 SLOT LEASED"}). Empty when the binding does not tell; the timeline then
     * shows the trace lines only. Called after each step only while a timeline is being recorded.
     */
    default Map<String, String> ownership() {
        return Map.of();
    }

    /**
     * How often this world reached each rare path of the system under test (name to count),
     * read once after the run; empty when the binding counts none.
     */
    default Map<String, Long> marks() {
        return Map.of();
    }

    /**
     * Forgets the violation just reported so later steps run and can report their own: how a report
     * shows the consequence of a finding (e.g. who got the memory after an accepted bad release).
     * Best effort: the model has only been kept consistent enough to go on. False when the binding
     * cannot go on past a violation.
     */
    default boolean continuePastViolation() {
        return false;
    }

    /** Frees everything the world holds (allocators unmapped); never throws for a finding. */
    @Override
    void close();
}
