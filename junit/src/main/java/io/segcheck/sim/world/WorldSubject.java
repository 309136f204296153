package io.segcheck.sim.world;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One run's world: each step goes to the {@link ActionBinding} that owns its action ({@link AllocatorBinding},
 * or one of the world's {@link SystemLayer}: pages, caches), whose calls {@link Calls} compares with the
 * model; after every step {@link Invariants} compares the counters (and the layer every page and every
 * cache); {@link Quiesce} brings everything back. The first disagreement is the run's violation.
 */
final class WorldSubject implements Subject {

    private final World world;
    private final StepScope scope;
    private final Invariants invariants;
    private final Map<Action, ActionBinding> bindings = new EnumMap<>(Action.class);
    private final Quiesce quiesce;
    private final AllocatorBinding allocator;
    private String traceLine = "";

    WorldSubject(RunConfig config, Coverage coverage, AllocatorFactory allocatorFactory) {
        this(config, coverage, allocatorFactory, null, WorldOptions.inline());
    }

    /**
     * The whole system on segcheck's own allocator (with the run's defects), as a simulator drives
     * it: on one thread, so the allocator keeps its memory to that thread (confined arenas).
     */
    WorldSubject(RunConfig config, WorldOptions options) {
        this(config, Coverage.SYSTEM, null, null, options);
    }

    /**
     * {@code coverage} of the system on {@code allocatorFactory}'s allocators, or with null on
     * segcheck's own, each passed through {@code wrap} (null: as they are).
     */
    WorldSubject(RunConfig config, Coverage coverage, AllocatorFactory allocatorFactory,
                 UnaryOperator<OffHeapAllocator> wrap, WorldOptions options) {
        this.world = new World(config, coverage, allocatorFactory, wrap, options);
        this.scope = new StepScope(world);
        this.invariants = new Invariants(world, scope.findings);
        this.allocator = new AllocatorBinding(scope);
        List<ActionBinding> all = new java.util.ArrayList<>(List.of(allocator));
        all.addAll(world.system.bindings(scope, allocator));
        for (ActionBinding binding : all) {
            for (Action action : binding.actions()) {
                bindings.put(action, binding);
            }
        }
        this.quiesce = new Quiesce(scope, invariants, allocator);
        if (world.lockstep()) {
            checkConstruction();
        }
    }

    /** A pool that leases anything when built (or fails to build) disagrees before the first step. */
    private void checkConstruction() {
        scope.findings.step(-1);
        world.model.beginStep(-1);
        invariants.checkAllocator();
        RuntimeException poolFailure = world.system.buildFailure();
        if (poolFailure != null) {
            scope.findings.report(Failures.violationKind(poolFailure), "building the pool threw "
                    + Failures.describe(poolFailure) + "; the model's pool leases nothing when built");
        }
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        scope.trace.setLength(0);
        scope.trace.append(step.toLine()).append(" ->");
        if (!scope.findings.any()) {
            scope.begin(stepIndex);
            world.system.tick();
            if (world.coverage == Coverage.ALLOCATOR && !SimAction.isNamed(step.action()) && world.allocatorClosed) {
                allocator.applyAfterClose(Action.named(step.action()), step); // every call must be refused as closed
            } else if (world.coverage == Coverage.ALLOCATOR && step.action().equals(SimAction.CLOSE_ALLOCATOR.actionName())
                    && !world.allocatorClosed) {
                allocator.close(); // the allocator alone, closed mid-run; the next steps are calls after close
            } else if (SimAction.isNamed(step.action()) && !world.allocatorClosed
                    && world.system.applySimulation(SimAction.named(step.action()), step)) {
                // a step only a simulation makes, applied to segcheck's caches and task queue
            } else if (world.allocatorClosed || SimAction.isNamed(step.action())) {
                scope.noop(); // the allocator was closed mid-run, or a simulation step in a world without caches
            } else {
                ActionBinding binding = bindings.get(Action.named(step.action()));
                if (world.system.buildFailure() != null || binding == null) {
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
            scope.trace.append(" | closed pages=").append(world.system.pageCount());
            traceLine = scope.trace.toString();
            return;
        }
        AllocatorStats stats = world.allocator.stats();
        scope.trace.append(" | leased=").append(stats.leasedSegments()).append(" pages=")
                .append(world.system.pageCount());
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
