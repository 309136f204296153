package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's steps for the shrinker: simpler variants lower every argument but the worker
 * (object and task choices to 0, sizes and lengths down). Generation is the scheduler's job
 * ({@link SimulationGenerator}), not a per-action draw.
 */
final class SimulationCatalog implements ActionCatalog {

    private static final List<String> NAMES = List.of("borrow", "setSlot", "setDeweyId", "getSlot", "put",
            "returnPage", "resetForReuse", "clear", "getAndGuard", "readSlot", "closeGuard", "invalidate",
            "invalidateAll", "cleanUp", "tick", "allocate", "release", "releaseForeign", "releaseAlias", "runTask", "storm",
            "calm", "closeAllocator");

    @Override
    public List<String> actionNames() {
        return NAMES;
    }

    @Override
    public Step generate(String action, SplittableRandom random) {
        throw new UnsupportedOperationException("simulation steps come from the scheduler, not per action: " + action);
    }

    /** A worker step: the worker, then the words of the world step it becomes, over the worker's own objects. */
    @Override
    public String words(Step step) {
        if (List.of("runTask", "storm", "calm", "closeAllocator").contains(step.action()) || step.args().isEmpty()) {
            return "";
        }
        if (List.of("getAndGuard", "invalidate").contains(step.action())) {
            return "worker=" + step.arg(0) + " key=" + step.arg(1);
        }
        if (step.action().equals("put")) {
            return "worker=" + step.arg(0) + " page=" + step.arg(1) + " (of the worker's pages, 0 the newest)";
        }
        List<Long> rest = step.args().subList(1, step.args().size());
        String action = step.action().equals("readSlot") ? "getSlot" : step.action();
        String words = io.segcheck.sim.world.StepWords.of(new Step(action, rest), "the worker's");
        return "worker=" + step.arg(0) + (words.isEmpty() ? "" : " " + words);
    }

    @Override
    public List<Step> simplerVariants(Step step) {
        List<Step> variants = new ArrayList<>();
        boolean workerStep = !List.of("runTask", "storm", "calm", "closeAllocator").contains(step.action());
        for (int i = workerStep ? 1 : 0; i < step.args().size(); i++) {
            long value = step.arg(i);
            if (value > 0) {
                variants.add(step.withArg(i, 0));
                if (value > 2) {
                    variants.add(step.withArg(i, value / 2));
                }
            }
        }
        return variants;
    }
}
