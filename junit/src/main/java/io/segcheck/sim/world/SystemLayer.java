package io.segcheck.sim.world;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.fault.Faults;
import io.segcheck.sim.runner.Step;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a world holds on top of its allocator: segcheck's own allocator hooks, pool, pages and caches
 * (module {@code sim}, found through {@link OwnSystem}), or nothing ({@link #NONE}: a team's allocator
 * checked alone, which needs no segcheck system on its classpath). The allocator world asks it at
 * the few points where those parts act: building, around each call, after each step, at quiesce.
 * Every method's default is what a world without those parts does.
 */
interface SystemLayer {

    /** No parts: the allocator alone. */
    SystemLayer NONE = new SystemLayer() {
    };

    /** segcheck's own allocator factory for this world, its allocators passed through {@code wrap} (null: as they are). */
    default AllocatorFactory ownAllocator(UnaryOperator<OffHeapAllocator> wrap) {
        throw new IllegalStateException("segcheck's own allocator is not on the classpath (module segcheck-sim)");
    }

    /** The allocator of {@code factory} built with this world's fault hook, or null to build it through the seam. */
    default OffHeapAllocator createAllocator(AllocatorFactory factory, AllocatorSettings settings, Faults faults) {
        return null;
    }

    /** Writes after release the allocator found so far (guard mode's poison); empty when it reports none. */
    default List<? extends RuntimeException> poisonViolations() {
        return List.of();
    }

    /** Builds the parts on the world's allocator and model, once those are built. */
    default void build(World world) {
    }

    /** Whether the parts were built (false with none, or when building them failed). */
    default boolean built() {
        return false;
    }

    /** What building the parts threw (a pool that pre-allocates past the budget), or null. */
    default RuntimeException buildFailure() {
        return null;
    }

    /** The rare-path marks the parts (and segcheck's own allocator) reached, by name, in declaration order. */
    default Map<String, Long> marks() {
        return Map.of();
    }

    /** The bindings of the parts' actions (pages, caches), beside the allocator's. */
    default List<ActionBinding> bindings(StepScope scope, AllocatorBinding allocator) {
        return List.of();
    }

    /** Before each real call: forget what the parts did during the last one. */
    default void beforeCall() {
    }

    /** After each real call: append what the parts did on their own (evictions) to the trace. */
    default void traceCall(StringBuilder trace) {
    }

    /** After each real call in lockstep: feed what the parts did to the model and check it. */
    default void checkCall(String what, Calls calls, Findings findings) {
    }

    /** After each step in lockstep: compare the parts with the model. */
    default void checkStep(int stepIndex, Set<Integer> touchedPages, boolean everything, Findings findings) {
    }

    /** One step of simulated time passed. */
    default void tick() {
    }

    /** Applies a step only a simulation makes; false when the parts have none to apply it to. */
    default boolean applySimulation(SimAction action, Step step) {
        return false;
    }

    /** Quiesce, before the allocator's raw leases are released: empty the parts. */
    default void quiesceBeforeRelease() {
    }

    /** Quiesce, after the raw leases were released. */
    default void quiesceAfterRelease() {
    }

    /** Quiesce in lockstep, after the invariants: nothing may be left pending. */
    default void checkNothingPending() {
    }

    /** Quiesce of a world whose allocator was closed mid-run. */
    default void quiesceAfterClose() {
    }

    /** Pages ever borrowed. */
    default int pageCount() {
        return 0;
    }

    /** Guards ever opened. */
    default int guardCount() {
        return 0;
    }
}
