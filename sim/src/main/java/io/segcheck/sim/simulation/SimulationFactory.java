package io.segcheck.sim.simulation;

import io.segcheck.impl.defect.Mark;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.Arrays;
import java.util.List;

/** Fresh simulated worlds with one simulation's settings, for the lockstep loop, shrinking and replay. */
public final class SimulationFactory implements SubjectFactory {

    private final SimulationSettings settings;
    private final SimulationCatalog catalog = new SimulationCatalog();

    public SimulationFactory(SimulationSettings settings) {
        this.settings = settings;
    }

    public SimulationSettings settings() {
        return settings;
    }

    @Override
    public Subject create(RunConfig config) {
        return new SimulationSubject(config, settings);
    }

    /** Every mark: a simulated world runs segcheck's own allocator, pages and caches. */
    @Override
    public List<String> markNames() {
        return Arrays.stream(Mark.values()).map(Mark::name).toList();
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
