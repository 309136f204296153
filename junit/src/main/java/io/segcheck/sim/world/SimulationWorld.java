package io.segcheck.sim.world;

import io.segcheck.model.Violation;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The world binding as a simulator drives it: the same real system, model and checks as the
 * sequence runner's, with the caches' listeners on a {@link TaskQueue} and fault sites armed.
 * Steps are the runner's world steps (global population arguments) plus {@code runTask},
 * {@code storm}, {@code calm} and {@code closeAllocator}; the population views let the
 * simulator translate each worker's own objects into those arguments.
 */
public final class SimulationWorld implements AutoCloseable {

    private final WorldSubject subject;
    private final World world;

    public SimulationWorld(RunConfig config, WorldOptions options) {
        this(config, options, null);
    }

    /**
     * The whole system on {@code allocator}'s allocators, checked against the design it declares;
     * null for segcheck's own (which takes the run's defects).
     */
    public SimulationWorld(RunConfig config, WorldOptions options, io.segcheck.api.AllocatorFactory allocator) {
        this(config, options, allocator, Coverage.SYSTEM);
    }

    /**
     * {@code coverage} of the system on {@code allocator}'s allocators (null: segcheck's own, whole
     * system); {@link Coverage#ALLOCATOR} simulates the allocator alone, closed mid-run by
     * {@code closeAllocator} and called after that.
     */
    public SimulationWorld(RunConfig config, WorldOptions options, io.segcheck.api.AllocatorFactory allocator,
            Coverage coverage) {
        this.subject = allocator == null ? new WorldSubject(config, options)
                : new WorldSubject(config, coverage, allocator, null, options);
        this.world = subject.world();
    }

    /** One world step, compared with the model; the first violation of the run, if any. */
    public Optional<Violation> apply(int stepIndex, Step worldStep) {
        return subject.apply(stepIndex, worldStep);
    }

    /** Faults off, every queue drained, everything returned: liveness and leaks checked. */
    public Optional<Violation> quiesce(int stepIndex) {
        return subject.quiesce(stepIndex);
    }

    /** The rare-path marks this world's system reached, by name. */
    public Map<String, Long> marks() {
        return world.markCounts();
    }

    public String traceLine() {
        return subject.traceLine();
    }

    public Map<String, String> ownership() {
        return subject.ownership();
    }

    /** Pages ever borrowed (positions are page ids). */
    public int pageCount() {
        return world.system.pageCount();
    }

    /** Guards ever opened (positions are guard ids). */
    public int guardCount() {
        return world.system.guardCount();
    }

    /** The raw segments the world tracks, in its order; identities only, for ownership by worker. */
    public List<Object> rawSegments() {
        return List.copyOf(world.populations.raw);
    }

    /** The raw segments still leased, in the world's order: what foreign and alias releases pick among. */
    public List<Object> leasedRawSegments() {
        return List.copyOf(world.populations.leasedRaw());
    }

    /** True once a {@code closeAllocator} step ran. */
    public boolean isAllocatorClosed() {
        return world.allocatorClosed;
    }

    @Override
    public void close() {
        subject.close();
    }
}
