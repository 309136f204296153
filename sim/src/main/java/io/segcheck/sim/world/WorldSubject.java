package io.segcheck.sim.world;

import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.api.AllocatorStats;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's world: each step goes to the {@link ActionBinding} that owns its action ({@link AllocatorBinding},
 * {@link PageBinding}, {@link CacheBinding}), whose calls {@link Calls} compares with the model; after
 * every step {@link Invariants} compares the counters, every page and every cache; {@link Quiesce}
 * brings everything back. The first disagreement is the run's violation.
 */
final class WorldSubject implements Subject {

    private final World world;
    private final StepScope scope;
    private final Invariants invariants;
    private final Map<Action, ActionBinding> bindings = new EnumMap<>(Action.class);
    private final Quiesce quiesce;
    private final SimulationBinding simulation;
    private final AllocatorBinding allocator;
    private String traceLine = "";

    WorldSubject(RunConfig config, Coverage coverage, io.segcheck.api.AllocatorFactory allocatorFactory) {
        this(config, coverage, allocatorFactory, WorldOptions.inline());
    }

    /**
     * The whole system on segcheck's own allocator (with the run's defects), as a simulator drives
     * it: on one thread, so the allocator keeps its memory to that thread (confined arenas).
     */
    WorldSubject(RunConfig config, WorldOptions options) {
        this(config, Coverage.SYSTEM, new SegcheckAllocatorFactory(config.defects()).oneThreadEach(), options);
    }

    WorldSubject(RunConfig config, Coverage coverage, io.segcheck.api.AllocatorFactory allocatorFactory,
                 WorldOptions options) {
        this.world = new World(config, coverage, allocatorFactory, options);
        this.scope = new StepScope(world);
        this.invariants = new Invariants(world, scope.findings);
        this.allocator = new AllocatorBinding(scope);
        PageBinding pages = coverage.hasPages() ? new PageBinding(scope, allocator) : null;
        CacheBinding caches = coverage.hasPages() ? new CacheBinding(scope) : null;
        for (ActionBinding binding : pages == null ? List.<ActionBinding>of(allocator) : List.of(allocator, pages, caches)) {
            for (Action action : binding.actions()) {
                bindings.put(action, binding);
            }
        }
        this.simulation = new SimulationBinding(scope);
        this.quiesce = new Quiesce(scope, invariants, allocator, pages, caches, simulation);
        if (world.lockstep()) {
            checkConstruction();
        }
    }

    /** A pool that leases anything when built (or fails to build) disagrees before the first step. */
    private void checkConstruction() {
        scope.findings.step(-1);
        world.model.beginStep(-1);
        invariants.checkAllocator();
        if (world.poolFailure != null) {
            scope.findings.report(Failures.violationKind(world.poolFailure), "building the pool threw "
                    + Failures.describe(world.poolFailure) + "; the model's pool leases nothing when built");
        }
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        scope.trace.setLength(0);
        scope.trace.append(step.toLine()).append(" ->");
        if (!scope.findings.any()) {
            scope.begin(stepIndex);
            simulation.tick();
            if (world.coverage == Coverage.ALLOCATOR && !SimAction.isNamed(step.action()) && world.allocatorClosed) {
                allocator.applyAfterClose(Action.named(step.action()), step); // every call must be refused as closed
            } else if (world.coverage == Coverage.ALLOCATOR && step.action().equals(SimAction.CLOSE_ALLOCATOR.actionName())
                    && !world.allocatorClosed) {
                allocator.close(); // the allocator alone, closed mid-run; the next steps are calls after close
            } else if (SimAction.isNamed(step.action()) && world.hasPool() && !world.allocatorClosed) {
                simulation.apply(SimAction.named(step.action()), step);
            } else if (world.allocatorClosed || SimAction.isNamed(step.action())) {
                scope.noop(); // the allocator was closed mid-run, or a simulation step in a world without caches
            } else {
                ActionBinding binding = bindings.get(Action.named(step.action()));
                if (world.poolFailure != null || binding == null) {
                    scope.noop(); // a world whose pool failed to build, or an action outside this world's coverage
                } else {
                    binding.apply(Action.named(step.action()), step);
                }
            }
            if (world.lockstep() && !scope.findings.any() && !world.allocatorClosed) {
                invariants.checkAll(stepIndex, scope.touchedPages, false);
            }
        }
        finishTrace();
        return Optional.ofNullable(scope.findings.first());
    }

    @Override
    public boolean continuePastViolation() {
        scope.findings.clear();
        if (world.lockstep()) {
            world.model.drainViolations(); // consequences already queued in the model belong to the old finding
        }
        return true;
    }

    @Override
    public Optional<Violation> quiesce(int stepIndex) {
        scope.trace.setLength(0);
        scope.trace.append("quiesce ->");
        quiesce.run(stepIndex);
        finishTrace();
        return Optional.ofNullable(scope.findings.first());
    }

    private void finishTrace() {
        if (world.allocatorClosed) {
            scope.trace.append(" | closed pages=").append(world.populations.pages.size());
            traceLine = scope.trace.toString();
            return;
        }
        AllocatorStats stats = world.allocator.stats();
        scope.trace.append(" | leased=").append(stats.leasedSegments()).append(" pages=")
                .append(world.populations.pages.size());
        traceLine = scope.trace.toString();
    }

    @Override
    public String traceLine() {
        return traceLine;
    }

    @Override
    public Map<String, String> ownership() {
        return OwnershipView.of(world);
    }

    World world() {
        return world;
    }

    @Override
    public Map<String, Long> marks() {
        return world.markCounts();
    }

    @Override
    public void close() {
        world.close();
    }
}
