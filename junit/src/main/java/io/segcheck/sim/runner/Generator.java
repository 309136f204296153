package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a seed into steps. Pure: the same seed, step count, catalog and weights always give the
 * same steps, and the steps do not depend on how the run goes (generation comes first, execution
 * after), which is what makes a seed replayable and a run shrinkable.
 */
public final class Generator {

    private Generator() {
    }

    /** The first {@code config.steps()} steps of {@code config.seed()}. */
    public static List<Step> generate(RunConfig config, ActionCatalog catalog, SwarmWeights weights) {
        SplittableRandom random = Streams.steps(config.seed());
        List<Step> steps = new ArrayList<>(config.steps());
        for (int i = 0; i < config.steps(); i++) {
            String action = weights.pick(random);
            Step step = catalog.generate(action, random);
            if (!step.action().equals(action)) {
                throw new IllegalStateException("catalog generated action=" + step.action()
                        + " when asked for action=" + action);
            }
            steps.add(step);
        }
        return steps;
    }
}
