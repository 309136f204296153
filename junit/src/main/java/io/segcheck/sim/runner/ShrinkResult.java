package io.segcheck.sim.runner;

/**
 * The end of a shrink.
 *
 * @param shrunk the smallest failing outcome found, with the same signature as the original
 * @param originalLength how many steps the failing run had before shrinking (up to its failure)
 * @param attempts how many candidate runs were executed
 * @param budgetExhausted true when shrinking stopped because the attempt budget ran out, so a
 *     smaller run may exist
 */
public record ShrinkResult(RunOutcome shrunk, int originalLength, int attempts, boolean budgetExhausted) {

    public int shrunkLength() {
        return shrunk.steps().size();
    }
}
