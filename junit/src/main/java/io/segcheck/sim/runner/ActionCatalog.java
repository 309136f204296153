package io.segcheck.sim.runner;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The action vocabulary and its argument distributions; the binding provides it.
 *
 * <p>It knows nothing of defects: the generator must find them, not be steered to them. Every
 * method must be a pure function of its inputs (and the random stream it is given), because a seed
 * has to produce the same steps in every JVM.
 */
public interface ActionCatalog {

    /** Every action name, in a fixed order; the swarm weights are drawn in this order. */
    List<String> actionNames();

    /** A step of {@code action} with arguments drawn from {@code random} (skewed distributions). */
    Step generate(String action, SplittableRandom random);

    /**
     * Simpler forms of {@code step} for shrinking, simplest first: smaller sizes, lower indices,
     * shorter payloads. Empty when the step is as simple as it gets. Must not return {@code step}
     * itself, so shrinking terminates.
     */
    List<Step> simplerVariants(Step step);

    /**
     * What {@code step}'s arguments mean, in words ({@code "kind=1 (an offset-0 half slice of a live
     * raw lease) lease=0 (the newest)"}), for reports and replay files; empty when there is nothing to say.
     */
    default String words(Step step) {
        return "";
    }
}
