package io.segcheck.sim.world;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** The world with some actions never generated; for sweeps that must stay clear of one known finding. */
final class WithoutActions implements SubjectFactory {

    private final WorldFactory world = new WorldFactory();
    private final Set<String> excluded;

    WithoutActions(String... excluded) {
        this.excluded = Set.of(excluded);
    }

    @Override
    public Subject create(RunConfig config) {
        return world.create(config);
    }

    @Override
    public ActionCatalog catalog() {
        ActionCatalog all = world.catalog();
        List<String> names = all.actionNames().stream().filter(name -> !excluded.contains(name)).toList();
        return new ActionCatalog() {
            @Override
            public List<String> actionNames() {
                return names;
            }

            @Override
            public Step generate(String action, SplittableRandom random) {
                return all.generate(action, random);
            }

            @Override
            public List<Step> simplerVariants(Step step) {
                return all.simplerVariants(step);
            }
        };
    }
}
