package io.segcheck.sim.simulation;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.OwnSystem;
import io.segcheck.sim.world.WorldFactory;

import java.util.List;

/** Fresh simulated worlds with one simulation's settings, for the lockstep loop, shrinking and replay. */
public final class SimulationFactory implements SubjectFactory {

    private final SimulationSettings settings;
    private final SimulationCatalog catalog = new SimulationCatalog();
    /** Another project's allocators; null for segcheck's own. */
    private final AllocatorFactory allocator;

    public SimulationFactory(SimulationSettings settings) {
        this(settings, null);
    }

    /** Worlds on {@code allocator}'s allocators (null: segcheck's own). */
    public SimulationFactory(SimulationSettings settings, AllocatorFactory allocator) {
        this.settings = settings;
        this.allocator = allocator;
    }

    public SimulationSettings settings() {
        return settings;
    }

    @Override
    public Subject create(RunConfig config) {
        return new SimulationSubject(config, settings, allocator);
    }

    /**
     * Every mark on segcheck's own allocator; on another, the page and cache marks (none for the
     * allocator alone) and the marks it declared by name.
     */
    @Override
    public List<String> markNames() {
        boolean pages = allocator == null || !settings.allocatorAlone();
        List<String> names = new java.util.ArrayList<>(pages
                ? OwnSystem.required().markNames(allocator == null, true) : List.of());
        if (allocator != null) {
            names.addAll(allocator.markNames());
        }
        return names;
    }

    /** For another project's allocator, the run settings it does not have (see {@link WorldFactory#unusedSettings}). */
    @Override
    public java.util.Set<String> unusedSettings() {
        return allocator == null ? java.util.Set.of() : WorldFactory.unusedSettings(allocator,
                settings.allocatorAlone() ? Coverage.ALLOCATOR : Coverage.SYSTEM);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
