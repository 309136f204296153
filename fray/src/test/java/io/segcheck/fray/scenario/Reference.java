package io.segcheck.fray.scenario;

import io.segcheck.sim.runner.Switches;
import io.segcheck.model.Violation;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.world.SimulationWorld;
import io.segcheck.sim.world.WorldOptions;
import io.segcheck.model.fault.Faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order of a run's calls, applied one whole call at a time to the simulator's world: segcheck's
 * fixed system (no defects) with the ownership model in lockstep, which checks every call's result,
 * every counter and every page against the model. A call's result word here is therefore the
 * model's expected outcome of that call in that order.
 *
 * <p>Objects are named as in the run: a call's object argument picks among the init part's objects,
 * then its own thread's, in the order they were made.
 */
final class Reference implements AutoCloseable {

    private final Scenario scenario;
    private final SimulationWorld world;
    private final ReferenceTasks tasks = new ReferenceTasks();
    private final Map<Integer, List<Integer>> pagesOf = new HashMap<>();
    private final Map<Integer, List<Integer>> guardsOf = new HashMap<>();
    private final Map<Integer, List<Object>> rawOf = new HashMap<>();
    private final IdentityHashMap<Object, Integer> knownRaw = new IdentityHashMap<>();
    private final List<History.Call> applied = new ArrayList<>();
    /** Which queued removal each applied listener run ran (0 for every other call). */
    private final List<Integer> choices = new ArrayList<>();
    private long leased;
    private boolean closed;
    private Violation violation;

    Reference(Scenario scenario) {
        this.scenario = scenario;
        Scenario.Settings settings = scenario.settings();
        RunConfig config = new RunConfig(scenario.seed(), scenario.operationCount(), Switches.none(), true,
                settings.quarantineSlices(), settings.budgetBytes(), settings.regionBytes(),
                RealSystem.CACHE_WEIGHT_BYTES, Checking.LOCKSTEP);
        this.world = new SimulationWorld(config, new WorldOptions(tasks, Faults.none()));
    }

    List<History.Call> applied() {
        return applied;
    }

    List<Integer> choices() {
        return choices;
    }

    /** Removal notifications queued for the listener: the choices a listener run has here. */
    int queuedListeners() {
        return tasks.size();
    }

    long leased() {
        return leased;
    }

    boolean closed() {
        return closed;
    }

    /** The model's disagreement with the fixed system in this order (a bug no interleaving needs), or null. */
    Violation violation() {
        return violation;
    }

    /**
     * Applies {@code call} as one whole call; its result words (a listener run with no removal
     * queued does nothing); a listener run runs queued removal number {@code choice}.
     */
    String apply(History.Call call, int choice) {
        if (choice < 0) {
            return refusedWithNoEffect(call, choice);
        }
        choices.add(choice);
        if (call.isListener()) {
            if (closed) {
                applied.add(call);
                return "ok"; // after close the world does nothing, its listeners included
            }
            if (tasks.size() == 0) {
                // A notification the model's atomic calls never make, run as nothing: two puts of
                // the same page under one key that race both see the key unmapped, each makes its
                // own entry, and the later replaces the earlier with a REPLACED notification of that
                // same page, which the listener leaves alone because the page is still mapped
                // (PageCache's identity check). The model's second put only re-weighs (fixed system,
                // seed 27). A run that did change something shows in later results and the end.
                applied.add(call);
                return "ok";
            }
            applyStep(call, Step.of("runTask", choice));
            return "ok";
        }
        Op op = call.op();
        if (op.kind() == OpKind.STATS) {
            applied.add(call);
            return "ok:leased=" + leased;
        }
        Step step = step(call.lane(), op);
        if (step == null) {
            applied.add(call);
            return "noop";
        }
        String line = applyStep(call, step);
        if (op.kind() == OpKind.CLOSE) {
            closed = true;
        }
        return results(line);
    }

    /**
     * Applies {@code call}, which the run refused EXHAUSTED, as refused there while another call in
     * flight held {@code momentaryBytes} for a moment: when the model, in this order with one more
     * lease of that size, refuses it too, the call is applied as that refusal (no effect) and its
     * result is {@code err:EXHAUSTED}; otherwise the model's result there, and nothing is applied.
     * The momentary lease is a borrow's slot segment while it asks for its separate DeweyID
     * segment ({@code PageOwnership.acquireAtBorrow}); the model's borrow is one step, so no order
     * of whole calls has that moment (fixed system, seeds 26 and 156).
     */
    String applyDuringAMomentaryLease(History.Call call, long momentaryBytes, int choice) {
        String refused;
        try (Reference moment = new Reference(scenario)) {
            for (int i = 0; i < applied.size(); i++) {
                moment.apply(applied.get(i), choices.get(i));
            }
            moment.applyStep(call, Step.of("allocate", momentaryBytes));
            refused = moment.apply(call, 0);
            if (moment.violation() != null) {
                return "model violation in that moment: " + moment.violation();
            }
            if (!"err:EXHAUSTED".equals(refused)) {
                return refused;
            }
        }
        return refusedWithNoEffect(call, choice);
    }

    /** A call the run refused EXHAUSTED, applied as a refusal: nothing changes (see {@link #applyDuringAMomentaryLease}). */
    private String refusedWithNoEffect(History.Call call, int choice) {
        applied.add(call);
        choices.add(choice);
        return "err:EXHAUSTED";
    }

    private String applyStep(History.Call call, Step step) {
        int pagesBefore = world.pageCount();
        int guardsBefore = world.guardCount();
        int index = applied.size();
        violation = violation != null ? violation : world.apply(index, step).orElse(null);
        applied.add(call);
        String line = world.traceLine();
        adopt(call.lane(), pagesBefore, guardsBefore);
        int bar = line.lastIndexOf("| leased=");
        if (bar >= 0) {
            leased = Long.parseLong(line.substring(bar + "| leased=".length()).split("\\s+")[0]);
        }
        return line;
    }

    /** The result words of a trace line: between "->" and "|", the words a call's result is written as. */
    private static String results(String line) {
        int arrow = line.indexOf("->");
        int bar = line.lastIndexOf(" |");
        String middle = line.substring(arrow + 2, bar > arrow ? bar : line.length());
        List<String> words = new ArrayList<>();
        for (String word : middle.trim().split("\\s+")) {
            if (word.startsWith("ok") || word.startsWith("err:") || word.equals("noop")) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    private Step step(int lane, Op op) {
        return switch (op.kind()) {
            case ALLOCATE -> Step.of("allocate", op.arg(0));
            case RELEASE -> release(lane, op.arg(0));
            case RELEASE_FOREIGN -> Step.of("releaseForeign", Math.floorMod(op.arg(0), 2) == 0 ? 0 : 2, 0);
            case CLOSE -> Step.of("closeAllocator");
            case BORROW -> Step.of("borrow", op.arg(0), op.arg(1));
            case SET_SLOT -> onPage(lane, op, arg -> Step.of("setSlot", arg, op.arg(1), op.arg(2), op.arg(3)));
            case SET_DEWEY_ID -> onPage(lane, op, arg -> Step.of("setDeweyId", arg, op.arg(1), op.arg(2), op.arg(3)));
            case GET_SLOT -> onPage(lane, op, arg -> Step.of("getSlot", arg, op.arg(1)));
            case RETURN_SEGMENTS -> onPage(lane, op, arg -> Step.of("returnSegments", arg));
            case RETURN_PAGE -> onPage(lane, op, arg -> Step.of("returnPage", arg));
            case CLEAR -> onPage(lane, op, arg -> Step.of("clear", arg));
            case RESET_FOR_REUSE -> onPage(lane, op, arg -> Step.of("resetForReuse", arg, op.arg(1), op.arg(2)));
            case GUARD -> onPage(lane, op, arg -> Step.of("guard", arg));
            case CLOSE_GUARD -> closeGuard(lane, op.arg(0));
            case PUT -> pageStep(lane, op.arg(1), arg -> Step.of("put", 0, op.arg(0), arg));
            case GET_AND_GUARD -> Step.of("getAndGuard", 0, op.arg(0));
            case INVALIDATE -> Step.of("invalidate", 0, op.arg(0));
            case INVALIDATE_ALL -> Step.of("invalidateAll", 0);
            case CLEAN_UP -> Step.of("cleanUp", 0);
            case STATS -> throw new IllegalArgumentException("stats is answered without a step");
        };
    }

    private Step onPage(int lane, Op op, java.util.function.LongFunction<Step> make) {
        return pageStep(lane, op.arg(0), make);
    }

    /** The world's argument for the page {@code arg} names: the world counts from its newest page. */
    private Step pageStep(int lane, long arg, java.util.function.LongFunction<Step> make) {
        List<Integer> shared = lane == History.INIT_LANE ? List.of() : list(pagesOf, History.INIT_LANE);
        List<Integer> own = list(pagesOf, lane);
        Integer id = Lane.pick(shared, own, arg);
        return id == null ? null : make.apply(world.pageCount() - 1L - id);
    }

    private Step closeGuard(int lane, long arg) {
        Integer id = Lane.pick(List.of(), list(guardsOf, lane), arg);
        return id == null ? null : Step.of("closeGuard", world.guardCount() - 1L - id);
    }

    private Step release(int lane, long arg) {
        List<Object> shared = lane == History.INIT_LANE ? List.of() : list(rawOf, History.INIT_LANE);
        Object segment = Lane.pick(shared, list(rawOf, lane), arg);
        if (segment == null) {
            return null;
        }
        List<Object> raw = world.rawSegments();
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i) == segment) {
                return Step.of("release", raw.size() - 1L - i);
            }
        }
        return null;
    }

    /** What the call made belongs to its thread, in the order it was made. */
    private void adopt(int lane, int pagesBefore, int guardsBefore) {
        for (int id = pagesBefore; id < world.pageCount(); id++) {
            list(pagesOf, lane).add(id);
        }
        for (int id = guardsBefore; id < world.guardCount(); id++) {
            list(guardsOf, lane).add(id);
        }
        for (Object segment : world.rawSegments()) {
            if (!knownRaw.containsKey(segment)) {
                knownRaw.put(segment, lane);
                list(rawOf, lane).add(segment);
            }
        }
    }

    private static <T> List<T> list(Map<Integer, List<T>> lists, int lane) {
        return lists.computeIfAbsent(lane, key -> new ArrayList<>());
    }

    @Override
    public void close() {
        world.close();
    }
}
