package io.segcheck.sim.simulation;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.model.fault.Faults;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.NamedFaults;
import io.segcheck.sim.world.SimulationWorld;
import io.segcheck.sim.world.WorldOptions;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One simulated world: the world binding (real system and model in lockstep) with its caches'
 * listeners on a {@link SimulatedExecutor} and its fault sites asking {@link SeededFaults}.
 * Each worker step is translated from the worker's own objects to the world's populations and
 * applied on this one thread, so the global order is the step order and every step is checked.
 */
final class SimulationSubject implements Subject {

    private final SimulationSettings settings;
    private final SeededFaults faults;
    private final SimulatedExecutor executor;
    private final SimulationWorld world;
    private final List<List<Integer>> pagesOf = new ArrayList<>();
    private final List<List<Integer>> guardsOf = new ArrayList<>();
    private final List<List<Object>> rawOf = new ArrayList<>();
    /** Raw segments already given to a worker; identity keys, looked up only, never iterated. */
    private final IdentityHashMap<Object, Integer> rawOwner = new IdentityHashMap<>();
    private String traceLine = "";
    private String laneKey = "";
    private String laneStep = "";

    SimulationSubject(RunConfig config, SimulationSettings settings, AllocatorFactory allocator) {
        this.settings = settings;
        this.faults = new SeededFaults(config.seed(), settings);
        this.executor = new SimulatedExecutor(faults);
        Faults worldFaults = settings.faultPermille().isEmpty() ? Faults.none() : faults;
        NamedFaults namedFaults = settings.namedFaultPermille().isEmpty() ? NamedFaults.none() : faults;
        this.world = new SimulationWorld(config, new WorldOptions(executor, worldFaults, namedFaults), allocator,
                settings.allocatorAlone() ? Coverage.ALLOCATOR : Coverage.SYSTEM);
        for (int worker = 0; worker < settings.workers(); worker++) {
            pagesOf.add(new ArrayList<>());
            guardsOf.add(new ArrayList<>());
            rawOf.add(new ArrayList<>());
        }
    }

    @Override
    public Map<String, Long> marks() {
        return world.marks();
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        faults.beginStep(step.toLine());
        if (isSchedulerStep(step.action())) {
            laneKey = step.action().equals("runTask") ? listenerLane() : "!lane scheduler";
            laneStep = step.toLine();
            Optional<Violation> violation = world.apply(stepIndex, step);
            traceLine = world.traceLine();
            return violation;
        }
        int worker = (int) step.arg(0);
        if (worker < 0 || worker >= settings.workers()) {
            traceLine = step.toLine() + " -> noop (no such worker)";
            return Optional.empty();
        }
        laneKey = workerLane(worker);
        laneStep = step.toLine();
        Step worldStep = translate(worker, step);
        if (worldStep == null) {
            traceLine = step.toLine() + " -> noop";
            return Optional.empty();
        }
        int pagesBefore = world.pageCount();
        int guardsBefore = world.guardCount();
        Optional<Violation> violation = world.apply(stepIndex, worldStep);
        adopt(worker, pagesBefore, guardsBefore);
        traceLine = "w" + worker + " " + world.traceLine();
        return violation;
    }

    private static boolean isSchedulerStep(String action) {
        return switch (action) {
            case "runTask", "storm", "calm", "closeAllocator" -> true;
            default -> false;
        };
    }

    /** The world step a worker step means, or null when it names an object the worker does not have. */
    private Step translate(int worker, Step step) {
        String action = step.action();
        return switch (action) {
            case "borrow" -> Step.of("borrow", step.arg(1), step.arg(2));
            case "setSlot", "setDeweyId" -> page(worker, step.arg(1), arg ->
                    Step.of(action, arg, step.arg(2), step.arg(3), step.arg(4)));
            case "getSlot" -> page(worker, step.arg(1), arg -> Step.of("getSlot", arg, step.arg(2)));
            case "returnPage", "clear" -> page(worker, step.arg(1), arg -> Step.of(action, arg));
            case "resetForReuse" -> page(worker, step.arg(1), arg ->
                    Step.of("resetForReuse", arg, step.arg(2), step.arg(3)));
            case "put" -> put(worker, step.arg(1));
            case "getAndGuard", "invalidate" -> Step.of(action, Math.floorMod(step.arg(1), 2L), step.arg(1));
            case "readSlot" -> Step.of("getSlot", step.arg(1), step.arg(2));
            case "closeGuard" -> own(guardsOf.get(worker), step.arg(1), world.guardCount(),
                    arg -> Step.of("closeGuard", arg));
            case "invalidateAll", "cleanUp", "tick" -> Step.of(action, step.arg(1));
            case "allocate" -> Step.of("allocate", step.arg(1));
            case "release" -> release(worker, step.arg(1));
            case "releaseForeign", "releaseAlias" -> misuse(worker, step);
            default -> throw new IllegalArgumentException("unknown simulation action=" + action + " in step="
                    + step.toLine());
        };
    }

    private Step page(int worker, long local, java.util.function.LongFunction<Step> make) {
        return own(pagesOf.get(worker), local, world.pageCount(), make);
    }

    /** Page i is cached under key i, in cache i mod 2: one key of one cache per page, as the cache asks. */
    private Step put(int worker, long local) {
        List<Integer> pages = pagesOf.get(worker);
        if (pages.isEmpty()) {
            return null;
        }
        int id = pages.get(pages.size() - 1 - (int) Math.floorMod(local, (long) pages.size()));
        return Step.of("put", id % 2, id, world.pageCount() - 1L - id);
    }

    /**
     * The world argument for the worker's object {@code local} (counted from its newest): the
     * world counts from its own newest object, so object id {@code g} is argument {@code size-1-g}.
     */
    private static Step own(List<Integer> ids, long local, int worldSize, java.util.function.LongFunction<Step> make) {
        if (ids.isEmpty()) {
            return null;
        }
        int id = ids.get(ids.size() - 1 - (int) Math.floorMod(local, (long) ids.size()));
        return make.apply(worldSize - 1L - id);
    }

    private Step release(int worker, long local) {
        List<Object> raw = world.rawSegments();
        List<Object> mine = rawOf.get(worker);
        mine.removeIf(segment -> indexOfIdentity(raw, segment) < 0); // handed to a page by resetForReuse
        if (mine.isEmpty()) {
            return null;
        }
        Object segment = mine.get(mine.size() - 1 - (int) Math.floorMod(local, (long) mine.size()));
        return Step.of("release", raw.size() - 1L - indexOfIdentity(raw, segment));
    }

    /**
     * A foreign or alias release by {@code worker}: the world picks among its live raw leases, so
     * the worker's own live lease {@code local} (counted from its newest) becomes that position. A
     * foreign kind that needs no lease (another arena's or a heap segment) goes ahead without one.
     */
    private Step misuse(int worker, Step step) {
        List<Object> live = world.leasedRawSegments();
        List<Object> mine = rawOf.get(worker).stream().filter(segment -> indexOfIdentity(live, segment) >= 0).toList();
        boolean needsLease = step.action().equals("releaseAlias") || Math.floorMod(step.arg(1), 3L) == 1;
        if (mine.isEmpty()) {
            return needsLease ? null : Step.of(step.action(), step.arg(1), 0);
        }
        Object segment = mine.get(mine.size() - 1 - (int) Math.floorMod(step.arg(2), (long) mine.size()));
        return Step.of(step.action(), step.arg(1), live.size() - 1L - indexOfIdentity(live, segment));
    }

    private static int indexOfIdentity(List<Object> list, Object wanted) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** What the step created belongs to the worker that made it. */
    private void adopt(int worker, int pagesBefore, int guardsBefore) {
        for (int id = pagesBefore; id < world.pageCount(); id++) {
            pagesOf.get(worker).add(id);
        }
        for (int id = guardsBefore; id < world.guardCount(); id++) {
            guardsOf.get(worker).add(id);
        }
        for (Object segment : world.rawSegments()) {
            if (!rawOwner.containsKey(segment)) {
                rawOwner.put(segment, worker);
                rawOf.get(worker).add(segment);
            }
        }
    }

    @Override
    public Optional<Violation> quiesce(int stepIndex) {
        laneKey = listenerLane();
        laneStep = "quiesce";
        Optional<Violation> violation = world.quiesce(stepIndex);
        traceLine = world.traceLine();
        return violation;
    }

    @Override
    public String traceLine() {
        return traceLine;
    }

    /**
     * The world's segment owners plus one lane per worker and one for the listener queue (names
     * start with '!' so the timeline lists them first): what each ran at this step, and the queue.
     */
    @Override
    public Map<String, String> ownership() {
        Map<String, String> owners = new TreeMap<>(world.ownership());
        for (int worker = 0; worker < settings.workers(); worker++) {
            owners.put(workerLane(worker), "");
        }
        owners.put(listenerLane(), "queue " + executor.describe());
        owners.put(laneKey, laneStep + (laneKey.equals(listenerLane()) ? " | queue " + executor.describe() : ""));
        return owners;
    }

    private String workerLane(int worker) {
        String role = settings.allocatorAlone() ? "allocator_user" : WorkerRole.of(worker).name();
        return String.format("!lane w%02d %s", worker, role.toLowerCase(java.util.Locale.ROOT));
    }

    private static String listenerLane() {
        return "!lane listener queue";
    }

    @Override
    public void close() {
        world.close();
    }
}
