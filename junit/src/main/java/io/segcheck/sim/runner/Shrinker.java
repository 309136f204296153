package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shrinks a failing run to a short one that fails with the same signature (violation kind, or
 * exception class for internal failures).
 *
 * <p>Two moves, repeated until neither helps: remove chunks of steps (halves, quarters, ...
 * single steps, in the manner of delta debugging), then replace single steps by the simpler
 * variants the catalog offers (smaller sizes, lower indices). Every candidate runs in a fresh
 * world from the start, so a kept candidate is a real failing run, not an inference. A candidate
 * that fails earlier than its last step is cut to its failing prefix, which shrinks for free.
 * The attempt budget bounds the cost; the result says when it ran out.
 */
public final class Shrinker {

    /** Candidate runs per shrink unless told otherwise; enough for runs of a few hundred steps. */
    public static final int DEFAULT_ATTEMPT_BUDGET = 4000;

    private final Lockstep lockstep;
    private final ActionCatalog catalog;
    private final int attemptBudget;

    public Shrinker(Lockstep lockstep, ActionCatalog catalog, int attemptBudget) {
        if (attemptBudget < 0) {
            throw new IllegalArgumentException("attemptBudget=" + attemptBudget + " must be >= 0");
        }
        this.lockstep = lockstep;
        this.catalog = catalog;
        this.attemptBudget = attemptBudget;
    }

    /** Shrinks {@code failing}, which must have failed in a world built from {@code config}. */
    public ShrinkResult shrink(RunConfig config, RunOutcome failing) {
        String signature = failing.signature().orElseThrow(
                () -> new IllegalArgumentException("cannot shrink a clean run of seed=" + config.seed()));
        Search search = new Search(config, signature, failing);
        boolean progress = true;
        while (progress && !search.exhausted()) {
            progress = removeChunks(search);
            progress |= simplifyArguments(search);
        }
        return new ShrinkResult(search.best, failing.steps().size(), search.attempts, search.exhausted());
    }

    private boolean removeChunks(Search search) {
        boolean progress = false;
        for (int chunk = Math.max(1, search.length() / 2); chunk >= 1; chunk /= 2) {
            int start = 0;
            while (start < search.length() && !search.exhausted()) {
                List<Step> candidate = new ArrayList<>(search.best.steps());
                candidate.subList(start, Math.min(start + chunk, candidate.size())).clear();
                if (search.keepIfFails(candidate)) {
                    progress = true; // the chunk now at `start` is new: try it before moving on
                } else {
                    start += chunk;
                }
            }
        }
        return progress;
    }

    private boolean simplifyArguments(Search search) {
        boolean progress = false;
        for (int index = 0; index < search.length() && !search.exhausted(); index++) {
            while (index < search.length() && simplifyOnce(search, index)) {
                progress = true; // a simpler step may have simpler variants still
            }
        }
        return progress;
    }

    private boolean simplifyOnce(Search search, int index) {
        Step step = search.best.steps().get(index);
        for (Step variant : catalog.simplerVariants(step)) {
            if (variant.equals(step) || search.exhausted()) {
                continue;
            }
            List<Step> candidate = new ArrayList<>(search.best.steps());
            candidate.set(index, variant);
            if (search.keepIfFails(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The state of one shrink: the best run so far and the attempts spent. */
    private final class Search {
        private final RunConfig config;
        private final String signature;
        private RunOutcome best;
        private int attempts;

        Search(RunConfig config, String signature, RunOutcome best) {
            this.config = config;
            this.signature = signature;
            this.best = best;
        }

        int length() {
            return best.steps().size();
        }

        boolean exhausted() {
            return attempts >= attemptBudget;
        }

        /** Runs {@code candidate}; keeps it (cut to its failing prefix) when it fails the same way. */
        boolean keepIfFails(List<Step> candidate) {
            if (exhausted()) {
                return false;
            }
            attempts++;
            RunOutcome outcome = lockstep.execute(config.withSteps(candidate.size()), candidate, false);
            Optional<String> found = outcome.signature();
            if (found.isEmpty() || !found.get().equals(signature)) {
                return false;
            }
            best = outcome;
            return true;
        }
    }
}
