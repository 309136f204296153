package io.segcheck.sim.world;

import io.segcheck.impl.alloc.ArenaSegmentAllocator;
import io.segcheck.impl.alloc.MmapSegmentAllocator;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.Outcome;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.Step;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;

/**
 * The steps only a simulation makes ({@link SimAction}): run a queued listener or maintenance
 * task, an eviction storm and its end, close the allocator mid-run; and, at quiesce, draining the
 * task queue and the liveness checks (nothing queued, no removal pending in the model).
 */
final class SimulationBinding {

    private final StepScope scope;
    private final World world;
    /** segcheck's own parts on the world's allocator: pool, pages, guards, caches. */
    private final SystemParts parts;

    SimulationBinding(StepScope scope) {
        this.parts = SystemParts.of(scope.world);
        this.scope = scope;
        this.world = scope.world;
    }

    /** One step of simulated time: held-back listeners come closer to running. */
    void tick() {
        if (world.options.listenersQueued()) {
            world.options.tasks().tick();
        }
    }

    void apply(SimAction action, Step step) {
        switch (action) {
            case RUN_TASK -> runTask(step.arg(0));
            case STORM -> storm(step.arg(0), step.arg(1));
            case CALM -> storm(step.arg(0), 1000);
            case CLOSE_ALLOCATOR -> closeAllocator();
        }
    }

    /** Runs one queued listener or maintenance task; what it did reaches the model as cache events. */
    private void runTask(long arg) {
        if (!world.options.listenersQueued() || world.options.tasks().size() == 0) {
            scope.noop();
            return;
        }
        String[] kind = {""};
        scope.calls.call("runTask(" + arg + ")", () -> {
            parts.seedThreadRandom(); // the task may be Caffeine's maintenance
            kind[0] = world.options.tasks().runOne(arg);
            return "ok";
        }, grants -> Outcome.done(), Calls.Check.NONE, false);
        scope.trace.append(" ran:").append(kind[0].isEmpty() ? "none" : kind[0]);
    }

    /** An eviction storm: the cache's maximum weight drops to {@code permille}/1000 of its setting. */
    private void storm(long cacheArg, long permille) {
        CacheHandle<?> cache = parts.caches.get((int) Math.floorMod(cacheArg, (long) parts.caches.size()));
        long weight = world.config.cacheWeightBytes() * Math.clamp(permille, 0, 1000) / 1000;
        scope.calls.call(cache + ".setMaxWeightBytes(" + weight + ")", () -> {
            cache.setMaxWeightBytes(weight);
            return "ok";
        }, grants -> Outcome.done(), Calls.Check.NONE, false);
    }

    /**
     * {@code close()} while workers are mid-operation, with arena-close and munmap failures armed,
     * then a second {@code close()} without faults (an operator's retry): afterwards nothing may be
     * mapped. The world is closed from here on; later steps do nothing.
     */
    private void closeAllocator() {
        world.faults.arm(EnumSet.of(FaultSite.ARENA_CLOSE, FaultSite.UNMAP));
        Observed first = Observed.ofVoid(world.allocator::close);
        world.faults.disarm();
        Observed second = Observed.ofVoid(world.allocator::close);
        world.allocatorClosed = true;
        long mapped = mappedBytes();
        scope.trace.append(" close:").append(Calls.token(first)).append(" again:").append(Calls.token(second))
                .append(" mappedBytes=").append(mapped);
        if (!world.lockstep()) {
            return;
        }
        Throwable unexpected = first.isOk() ? null : notInjected(first.failure());
        if (unexpected != null) {
            // A retry that succeeds does not excuse it: only the armed sites may make close() fail.
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "close() threw " + Failures.describe(first.failure())
                    + (unexpected == first.failure() ? "" : " carrying " + Failures.describe(unexpected))
                    + ", which no armed fault site made (fired: " + world.faults.fired() + ")");
            return;
        }
        if (!second.isOk()) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "a second close() threw "
                    + Failures.describe(second.failure()));
        }
        if (mapped != 0) {
            scope.findings.report(ViolationKind.LEAK, "after close()" + (first.isOk() ? "" : " (which threw "
                    + Failures.describe(first.failure()) + ")") + " and a second close() the allocator still maps "
                    + mapped + " bytes: those regions are never given back");
            return;
        }
        if (second.isOk()) {
            checkEverySegmentClosed();
        }
    }

    /** {@code failure} or the first failure it suppresses that no fault site made; null when all were injected. */
    private static Throwable notInjected(Throwable failure) {
        if (!io.segcheck.model.fault.Faults.isInjected(failure)) {
            return failure;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable found = notInjected(suppressed);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Quiesce after the allocator was closed: the queued listener and maintenance tasks still run
     * (a real executor would run them), and each may fail only because the allocator is closed;
     * afterwards nothing may stay queued. (Quiesce used to skip every check once close had run.)
     */
    void drainTasksAfterClose() {
        if (!world.options.listenersQueued()) {
            return;
        }
        for (int round = 0; world.options.tasks().size() > 0 && round < 100_000; round++) {
            world.options.tasks().releaseAll(); // again each round: a task may queue a held-back listener
            world.options.tasks().runOne(0);
        }
        if (world.options.tasks().size() != 0) {
            scope.findings.report(ViolationKind.LEAK, "after close and quiesce " + world.options.tasks().size()
                    + " listener or maintenance tasks are still queued: " + world.options.tasks().describe());
        }
        for (CacheHandle<?> cache : parts.caches) {
            for (RuntimeException failure : cache.newListenerFailures()) {
                if (!(failure instanceof IllegalStateException) || failure.getMessage() == null
                        || !failure.getMessage().contains("closed")) {
                    scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "after close() a removal listener of "
                            + cache + " failed with " + Failures.describe(failure)
                            + " instead of being told the allocator is closed");
                    return;
                }
            }
        }
    }

    /**
     * Once {@code close()} succeeded, every segment segcheck's allocator ever handed out, released
     * or not, must throw on access: one still open reaches memory that is unmapped now, and an
     * access through it would crash the JVM instead of failing.
     */
    private void checkEverySegmentClosed() {
        if (!(world.allocator.delegate() instanceof MmapSegmentAllocator
                || world.allocator.delegate() instanceof ArenaSegmentAllocator)) {
            return;
        }
        for (MemorySegment segment : world.allocator.everHandedOut()) {
            if (segment.scope().isAlive()) {
                scope.findings.report(ViolationKind.USE_AFTER_RELEASE, "after close() the segment 0x"
                        + Long.toHexString(segment.address()) + " (" + segment.byteSize() + " bytes) it once handed"
                        + " out is still open over memory that is no longer mapped: an access would crash the JVM");
                return;
            }
        }
    }

    private long mappedBytes() {
        return switch (world.allocator.delegate()) {
            case MmapSegmentAllocator mmap -> mmap.mappedBytes();
            case ArenaSegmentAllocator arena -> arena.mappedBytes();
            default -> 0;
        };
    }

    /** Quiesce: runs every queued task, held-back ones too, until the queue stays empty. */
    void drainTasks() {
        if (!world.options.listenersQueued()) {
            return;
        }
        for (int round = 0; world.options.tasks().size() > 0 && !scope.findings.any() && round < 100_000; round++) {
            world.options.tasks().releaseAll(); // again each round: a task may queue a held-back listener
            runTask(0);
        }
    }

    /** Quiesce liveness: no task queued and no removal the model still waits for. */
    void checkNothingPending() {
        if (!world.options.listenersQueued()) {
            return;
        }
        if (world.options.tasks().size() != 0) {
            scope.findings.report(ViolationKind.LEAK, "after quiesce " + world.options.tasks().size()
                    + " listener or maintenance tasks are still queued: " + world.options.tasks().describe());
        }
        if (!world.model.pendingRemovals().isEmpty()) {
            scope.findings.report(ViolationKind.LEAK, "after quiesce the model still waits for the removal listeners of "
                    + world.model.pendingRemovals() + ": the cache never ran them, so those pages never come back");
        }
    }
}
