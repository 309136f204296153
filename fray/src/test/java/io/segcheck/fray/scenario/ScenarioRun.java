package io.segcheck.fray.scenario;

import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.world.ResultTokens;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One run of a scenario on the real system: the init part on the calling thread, then the threads
 * (each call stamped on invocation and return) and the listener thread, then the checks that need
 * no order: what the threads saw inside calls, the ownership invariants of what is held at the end
 * (no two holders of one byte, marks intact), and quiesce (everything given back, every count at 0).
 *
 * <p>Only {@link #runThreads()} runs under Fray's scheduler; building the system, the init part
 * and the checks run before and after it, on plain time.
 */
final class ScenarioRun implements AutoCloseable {

    private final Scenario scenario;
    private final History history = new History();
    private final RealSystem system;
    private final Lane init;
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean closeInvoked;
    /** The counters' looks the threads took (stats()), for {@link HighWaterCheck}. */
    private final List<HighWaterCheck.Look> looks = new CopyOnWriteArrayList<>();
    private final long initHighWater;
    private final long initLeasedBytes;

    ScenarioRun(Scenario scenario, Defects defects) {
        this.scenario = scenario;
        this.system = new RealSystem(scenario.settings(), defects, history);
        this.init = new Lane(History.INIT_LANE, null);
        for (int thread = 0; thread < scenario.threads().size(); thread++) {
            lanes.add(new Lane(thread, init));
        }
        List<Op> initOps = scenario.init();
        for (int i = 0; i < initOps.size(); i++) {
            call(init, i, initOps.get(i));
        }
        system.listener.drainHere(); // the init part's listener runs come before every thread's call
        AllocatorStats afterInit = system.allocator.stats();
        this.initHighWater = afterInit.highWaterBytes();
        this.initLeasedBytes = afterInit.leasedBytes();
    }

    /** The threads and the listener thread, started together and joined: the part Fray schedules. */
    void runThreads() {
        system.listener.start();
        List<Thread> threads = new ArrayList<>();
        for (Lane lane : lanes) {
            threads.add(new Thread(() -> runLane(lane), "t" + lane.number));
        }
        threads.forEach(Thread::start);
        threads.forEach(Threads::join);
        system.listener.stopAndDrain();
    }

    /**
     * The same calls as whole calls on the calling thread, in {@code order} (lane numbers, one entry
     * per call of that lane), each call's listener runs right after it: what the scenario does
     * without a switch inside a call.
     */
    void runInOrder(List<Integer> order) {
        int[] next = new int[lanes.size()];
        for (int laneNumber : order) {
            Lane lane = lanes.get(laneNumber);
            call(lane, next[laneNumber], scenario.threads().get(laneNumber).get(next[laneNumber]));
            next[laneNumber]++;
            system.listener.drainHere();
        }
    }

    private void runLane(Lane lane) {
        List<Op> ops = scenario.threads().get(lane.number);
        for (int i = 0; i < ops.size(); i++) {
            call(lane, i, ops.get(i));
        }
    }

    /** The checks after the threads: ownership invariants of what is held, then quiesce. */
    History finish() {
        if (closeInvoked) {
            history.finalLeased(-1);
        } else {
            AllocatorStats end = system.allocator.stats();
            history.finalLeased(end.leasedSegments());
            looks.add(new HighWaterCheck.Look(history.tick(), end.highWaterBytes(), "the look after the run"));
            HighWaterCheck.check(history, initHighWater, initLeasedBytes, looks);
            OwnershipCheck.check(history, init, lanes);
            Quiesce.run(system, history, init, lanes);
        }
        return history;
    }

    History history() {
        return history;
    }

    private void call(Lane lane, int index, Op op) {
        long invoked = history.tick();
        String token = execute(lane, op);
        History.Call call = new History.Call(lane.number, index, op, token, invoked, history.tick());
        history.add(call);
        if (lane.highWaterSeen >= 0) {
            looks.add(new HighWaterCheck.Look(call.returned(), lane.highWaterSeen, call.describe()));
            lane.highWaterSeen = -1;
        }
    }

    private String execute(Lane lane, Op op) {
        return switch (op.kind()) {
            case ALLOCATE -> allocate(lane, op.arg(0));
            case RELEASE -> release(lane, lane.raw(op.arg(0)));
            case RELEASE_FOREIGN -> observe(lane, () -> {
                system.allocator.release(Math.floorMod(op.arg(0), 2) == 0 ? system.otherArenaSegment
                        : MemorySegment.ofArray(new byte[4096]));
                return "ok";
            });
            case STATS -> stats(lane);
            case CLOSE -> {
                closeInvoked = true;
                yield observe(lane, () -> {
                    system.allocator.close();
                    return "ok";
                });
            }
            case BORROW -> borrow(lane, op);
            case SET_SLOT, SET_DEWEY_ID -> onPage(lane, op, page -> {
                byte[] data = ResultTokens.payload(op.arg(2), op.arg(3));
                if (op.kind() == OpKind.SET_SLOT) {
                    page.setSlot((int) op.arg(1), data);
                } else {
                    page.setDeweyId((int) op.arg(1), data);
                }
                return "ok";
            });
            case GET_SLOT -> onPage(lane, op, page -> checkRead(lane, op, page.getSlot((int) op.arg(1))));
            case RETURN_SEGMENTS -> onPage(lane, op, page -> {
                page.returnSegmentsToAllocator();
                return "ok";
            });
            case RETURN_PAGE -> onPage(lane, op, page -> {
                system.pool.returnPage(page);
                return "ok";
            });
            case CLEAR -> onPage(lane, op, page -> {
                page.clear();
                return "ok";
            });
            case RESET_FOR_REUSE -> resetForReuse(lane, op);
            case GUARD -> guard(lane, op);
            case CLOSE_GUARD -> closeGuard(lane, lane.guard(op.arg(0)));
            case PUT -> put(lane, op);
            case GET_AND_GUARD -> getAndGuard(lane, op.arg(0));
            case INVALIDATE -> observe(lane, () -> {
                system.cache.invalidate(op.arg(0));
                return "ok";
            });
            case INVALIDATE_ALL -> observe(lane, () -> {
                system.cache.invalidateAll();
                return "ok";
            });
            case CLEAN_UP -> observe(lane, () -> {
                system.cache.cleanUp();
                return "ok";
            });
        };
    }

    /** The call's result word; a throw the API never makes is also a broken invariant of the run. */
    private String observe(Lane lane, Supplier<?> call) {
        return token(lane, observed(call));
    }

    private record Observed(Object value, Throwable failure) {
    }

    private static Observed observed(Supplier<?> call) {
        try {
            return new Observed(call.get(), null);
        } catch (RuntimeException | AssertionError failure) {
            return new Observed(null, failure);
        }
    }

    private String token(Lane lane, Observed observed) {
        if (observed.failure() != null && !ResultTokens.isApiError(observed.failure())) {
            boolean afterClose = closeInvoked && ResultTokens.isClosedScope(observed.failure());
            if (!afterClose) {
                ViolationKind kind = ResultTokens.isClosedScope(observed.failure()) ? ViolationKind.USE_AFTER_RELEASE
                        : ViolationKind.UNEXPECTED_ERROR;
                history.broken(kind, lane.laneName() + " threw " + observed.failure());
            }
        }
        return ResultTokens.of(observed.value(), observed.failure());
    }

    private String allocate(Lane lane, long bytes) {
        Observed observed = observed(() -> system.allocator.allocate(bytes));
        if (observed.failure() == null) {
            MemorySegment segment = (MemorySegment) observed.value();
            long mark = markOf(lane, lane.raw.size());
            touchMark(lane, "allocate(" + bytes + ")", () -> {
                long seen = segment.get(ValueLayout.JAVA_LONG, 0);
                if (seen != 0) {
                    history.broken(ViolationKind.LOST_DATA, lane.laneName() + " allocate(" + bytes
                            + ") got a lease that was not zeroed: mark " + seen + " of another owner");
                }
                segment.set(ValueLayout.JAVA_LONG, 0, mark);
            });
            lane.raw.add(new Lane.RawLease(segment, mark, lane.number == History.INIT_LANE));
        }
        return token(lane, observed);
    }

    /**
     * Reads or writes a lease's mark: an observation point inside the thread's own lease. Its view
     * closed under it is a use after release, unless the allocator was closed meanwhile.
     */
    private void touchMark(Lane lane, String when, Runnable touch) {
        try {
            touch.run();
        } catch (IllegalStateException closedScope) {
            if (!closeInvoked) {
                history.broken(ViolationKind.USE_AFTER_RELEASE, lane.laneName() + " " + when
                        + ": its own lease was closed under it: " + closedScope.getMessage());
            }
        }
    }

    private static long markOf(Lane lane, int ordinal) {
        return (lane.number + 2L) * 1000 + ordinal + 1;
    }

    private String release(Lane lane, Lane.RawLease lease) {
        if (lease == null) {
            return "noop";
        }
        if (!lease.released && !lease.shared) {
            touchMark(lane, "release", () -> {
                long seen = lease.segment.get(ValueLayout.JAVA_LONG, 0);
                if (seen != lease.mark) {
                    history.broken(ViolationKind.ALIAS, lane.laneName() + "'s lease was written by another owner: mark "
                            + seen + " expected " + lease.mark);
                }
            });
        }
        Observed observed = observed(() -> {
            system.allocator.release(lease.segment);
            return "ok";
        });
        if (observed.failure() == null) {
            lease.released = true;
        }
        return token(lane, observed);
    }

    private String stats(Lane lane) {
        Observed observed = observed(system.allocator::stats);
        if (observed.failure() != null) {
            return token(lane, observed);
        }
        AllocatorStats stats = (AllocatorStats) observed.value();
        if (lane.number != History.INIT_LANE) {
            lane.highWaterSeen = stats.highWaterBytes();
        }
        return "ok:leased=" + stats.leasedSegments();
    }

    private String borrow(Lane lane, Op op) {
        Observed observed = observed(() -> system.pool.borrowPage(1, 0, op.arg(0), op.arg(1) != 0));
        if (observed.failure() == null) {
            lane.pages.add((KeyValueLeafPage) observed.value());
        }
        return token(lane, observed);
    }

    private String onPage(Lane lane, Op op, java.util.function.Function<KeyValueLeafPage, Object> call) {
        KeyValueLeafPage page = lane.page(op.arg(0));
        if (page == null) {
            return "noop";
        }
        return observe(lane, () -> call.apply(page));
    }

    /** Bytes read must be a payload some call of the scenario wrote into that slot; otherwise they are another owner's. */
    private byte[] checkRead(Lane lane, Op op, byte[] read) {
        if (read != null && !written(read, op.arg(1))) {
            history.broken(ViolationKind.LOST_DATA, lane.laneName() + " " + op.text() + " read byte[" + read.length
                    + "] that no write of this scenario made");
        }
        return read;
    }

    private boolean written(byte[] read, long slot) {
        List<Op> all = new ArrayList<>(scenario.init());
        scenario.threads().forEach(all::addAll);
        for (Op write : all) {
            if (write.kind() == OpKind.SET_SLOT && write.arg(1) == slot && write.arg(2) == read.length
                    && java.util.Arrays.equals(read, ResultTokens.payload(write.arg(2), write.arg(3)))) {
                return true;
            }
        }
        return false;
    }

    /** As the world does it: lease the slot memory (and a 4 KiB DeweyID segment when separate), then hand them over. */
    private String resetForReuse(Lane lane, Op op) {
        KeyValueLeafPage page = lane.page(op.arg(0));
        if (page == null) {
            return "noop";
        }
        Observed slot = observed(() -> system.allocator.allocate(op.arg(1)));
        String slotToken = token(lane, slot);
        if (slot.failure() != null) {
            return slotToken;
        }
        boolean separate = op.arg(2) != 0;
        Observed dewey = separate ? observed(() -> system.allocator.allocate(4096)) : slot;
        String tokens = slotToken + (separate ? " " + token(lane, dewey) : "");
        if (dewey.failure() != null) {
            lane.raw.add(new Lane.RawLease((MemorySegment) slot.value(), 0, true));
            return tokens;
        }
        MemorySegment slotMemory = (MemorySegment) slot.value();
        MemorySegment deweyMemory = (MemorySegment) dewey.value();
        Observed reset = observed(() -> {
            page.resetForReuse(1000, 1, slotMemory, deweyMemory);
            return "ok";
        });
        if (reset.failure() != null) {
            lane.raw.add(new Lane.RawLease(slotMemory, 0, true));
            if (separate) {
                lane.raw.add(new Lane.RawLease(deweyMemory, 0, true));
            }
        }
        return tokens + " " + token(lane, reset);
    }

    private String guard(Lane lane, Op op) {
        KeyValueLeafPage page = lane.page(op.arg(0));
        if (page == null) {
            return "noop";
        }
        Observed observed = observed(page::guard);
        if (observed.failure() == null) {
            lane.guards.add((PageGuard) observed.value());
        }
        return token(lane, observed);
    }

    private String closeGuard(Lane lane, PageGuard guard) {
        if (guard == null) {
            return "noop";
        }
        return observe(lane, () -> {
            guard.close();
            return "ok";
        });
    }

    private String put(Lane lane, Op op) {
        KeyValueLeafPage page = lane.page(op.arg(1));
        if (page == null) {
            return "noop";
        }
        return observe(lane, () -> {
            system.cache.put(op.arg(0), page);
            return "ok";
        });
    }

    private String getAndGuard(Lane lane, long key) {
        Observed observed = observed(() -> system.cache.getAndGuard(key));
        if (observed.value() instanceof Optional<?> guard && guard.isPresent()) {
            lane.guards.add((PageGuard) guard.get());
        }
        return token(lane, observed);
    }

    @Override
    public void close() {
        system.close();
    }
}
