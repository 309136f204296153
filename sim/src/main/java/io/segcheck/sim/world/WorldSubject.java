package io.segcheck.sim.world;

import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.Lease;
import io.segcheck.model.Outcome;
import io.segcheck.model.OwnershipModel;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One run's world: turns each step into calls of the real API, each compared with the model by
 * {@link Calls}; after every step {@link Invariants} compares the counters, every page and every
 * cache; {@link #quiesce} brings everything back. The first disagreement is the run's violation.
 */
final class WorldSubject implements Subject {

    private final World world;
    private final Findings findings = new Findings();
    private final Invariants invariants;
    private final StringBuilder trace = new StringBuilder();
    private String traceLine = "";
    private final Calls calls;
    /** Page ids the current step's calls named, for {@link Invariants}' bounded content reads. */
    private final Set<Integer> touchedPages = new HashSet<>();
    private MemorySegment foreignSegment;

    WorldSubject(RunConfig config) {
        this.world = new World(config);
        this.invariants = new Invariants(world, findings);
        this.calls = new Calls(world, findings, trace);
        if (world.lockstep()) {
            checkConstruction();
        }
    }

    /** A pool that leases anything when built (or fails to build) disagrees before the first step. */
    private void checkConstruction() {
        findings.step(-1);
        world.model.beginStep(-1);
        invariants.checkAllocator();
        if (world.poolFailure != null) {
            findings.report(Failures.violationKind(world.poolFailure), "building the pool threw "
                    + Failures.describe(world.poolFailure) + "; the model's pool leases nothing when built");
        }
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        trace.setLength(0);
        trace.append(step.toLine()).append(" ->");
        if (!findings.any()) {
            begin(stepIndex);
            if (world.pool == null) {
                noop();
            } else {
                dispatch(Action.named(step.action()), step);
            }
            if (world.lockstep() && !findings.any()) {
                invariants.checkAll(stepIndex, touchedPages, false);
            }
        }
        finishTrace();
        return Optional.ofNullable(findings.first());
    }

    private void begin(int stepIndex) {
        touchedPages.clear();
        findings.step(stepIndex);
        if (world.lockstep()) {
            world.model.beginStep(stepIndex);
        }
    }

    private void dispatch(Action action, Step step) {
        switch (action) {
            case ALLOCATE -> allocate(step.arg(0));
            case RELEASE -> release(step.arg(0));
            case RELEASE_FOREIGN -> releaseForeign(step.arg(0), step.arg(1));
            case BORROW -> borrow(step.arg(0), step.arg(1) != 0);
            case SET_SLOT -> write(false, step.arg(0), step.arg(1), step.arg(2), step.arg(3));
            case GET_SLOT -> read(false, step.arg(0), step.arg(1));
            case SET_DEWEY_ID -> write(true, step.arg(0), step.arg(1), step.arg(2), step.arg(3));
            case GET_DEWEY_ID -> read(true, step.arg(0), step.arg(1));
            case RETURN_SEGMENTS -> returnSegments(step.arg(0));
            case RETURN_PAGE -> returnPage(step.arg(0));
            case CLEAR -> clear(step.arg(0));
            case RESET_FOR_REUSE -> resetForReuse(step.arg(0), step.arg(1), step.arg(2) != 0);
            case GUARD -> guard(step.arg(0));
            case CLOSE_GUARD -> closeGuard(step.arg(0));
            case PUT -> put(step.arg(0), step.arg(1), step.arg(2));
            case GET_AND_GUARD -> getAndGuard(step.arg(0), step.arg(1));
            case INVALIDATE -> invalidate(step.arg(0), step.arg(1));
            case INVALIDATE_ALL -> invalidateAll(step.arg(0));
            case CLEAN_UP -> cleanUp(step.arg(0));
            case TICK -> tick(step.arg(0));
            case CLEAR_ALL_PAGE_POOLS -> clearAllPagePools();
        }
    }

    // ------------------------------------------------------------------ allocator actions

    private void allocate(long bytes) {
        leaseRaw(bytes);
    }

    /** Leases a raw segment on both sides; null when the real allocator refused. */
    private RawSegment leaseRaw(long bytes) {
        Calls.Result result = calls.call("allocate(" + bytes + ")", () -> world.allocator.allocate(bytes),
                grants -> model().allocate(bytes, grants), Calls.Check.NONE, false);
        if (!result.realOk()) {
            return null;
        }
        Lease lease = result.predicted() != null && result.predicted().isOk() ? (Lease) result.predicted().value() : null;
        RawSegment segment = new RawSegment((MemorySegment) result.real().value(), lease);
        world.raw.add(segment);
        return segment;
    }

    private void release(long index) {
        int position = pickOrNoop(index, world.raw.size());
        if (position < 0) {
            return;
        }
        releaseAt(position);
    }

    private void releaseAt(int position) {
        RawSegment segment = world.raw.get(position);
        Calls.Result result = calls.call("release(raw#" + position + ")", () -> {
            world.allocator.release(segment.segment());
            return "ok";
        }, grants -> predictRelease(segment), Calls.Check.NONE, true);
        if (result.realOk()) {
            segment.markReleased();
        }
    }

    /**
     * The model's prediction, except that FOREIGN is the prediction when the real allocator said so
     * and the model agrees the lease's region may have been unmapped since (observed nondeterminism).
     */
    private Outcome<?> predictRelease(RawSegment segment) {
        Outcome<Object> predicted = model().release(segment.lease());
        boolean refusedAsForeign = !predicted.isOk() && !calls.observing().isOk()
                && Failures.errorKind(calls.observing().failure()) == ErrorKind.FOREIGN;
        if (refusedAsForeign && model().allocator().regionMayBeGone(segment.lease())) {
            return Outcome.failed(ErrorKind.FOREIGN);
        }
        return predicted;
    }

    /** 0: another arena's segment; 1: a half-size slice of a leased raw segment; 2: a heap segment. */
    private void releaseForeign(long kind, long index) {
        MemorySegment foreign = foreignSegment(Math.floorMod(kind, 3), index);
        if (foreign == null) {
            noop();
            return;
        }
        calls.call("release(foreign kind=" + Math.floorMod(kind, 3) + ")", () -> {
            world.allocator.release(foreign);
            return "ok";
        }, grants -> model().releaseForeign(), Calls.Check.NONE, true);
    }

    private MemorySegment foreignSegment(long kind, long index) {
        if (kind == 0) {
            if (foreignSegment == null) {
                foreignSegment = Arena.ofAuto().allocate(4096); // never from this allocator; freed by GC
            }
            return foreignSegment;
        }
        if (kind == 2) {
            return MemorySegment.ofArray(new byte[4096]);
        }
        List<RawSegment> leased = world.raw.stream().filter(raw -> !raw.isReleased()).toList();
        int position = World.pick(index, leased.size());
        if (position < 0) {
            return null;
        }
        MemorySegment whole = leased.get(position).segment();
        return whole.asSlice(0, whole.byteSize() / 2);
    }

    // ------------------------------------------------------------------ pool and page actions

    private void borrow(long slotBytes, boolean deweyIdsStored) {
        long recordPageKey = world.pages.size();
        Calls.Result result = calls.call("borrowPage(key=" + recordPageKey + ", slotBytes=" + slotBytes + ", deweyIdsStored="
                + deweyIdsStored + ")", () -> world.pool.borrowPage(recordPageKey, 0, slotBytes, deweyIdsStored),
                grants -> model().borrowPage(recordPageKey, 0, slotBytes, deweyIdsStored, grants), Calls.Check.NONE, false);
        if (result.realOk()) {
            world.pages.add((KeyValueLeafPage) result.real().value());
            touchedPages.add(world.pages.size() - 1);
        }
    }

    private void write(boolean dewey, long pageArg, long slotArg, long length, long fill) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = world.pages.get(id);
        touchedPages.add(id);
        int slot = (int) slotArg;
        byte[] data = Payloads.of(length, fill);
        String what = pageName(id) + "." + (dewey ? "setDeweyId" : "setSlot") + "(" + slot + ", "
                + (data == null ? "null" : "byte[" + data.length + "]") + ")";
        calls.call(what, () -> {
            if (dewey) {
                page.setDeweyId(slot, data);
            } else {
                page.setSlot(slot, data);
            }
            return "ok";
        }, grants -> dewey ? model().setDeweyId(id, slot, data, grants) : model().setSlot(id, slot, data, grants),
                Calls.Check.NONE, false);
    }

    private void read(boolean dewey, long pageArg, long slotArg) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = world.pages.get(id);
        touchedPages.add(id);
        int slot = (int) slotArg;
        String what = pageName(id) + "." + (dewey ? "getDeweyId" : "getSlot") + "(" + slot + ")";
        calls.call(what, () -> dewey ? page.getDeweyId(slot) : page.getSlot(slot),
                grants -> dewey ? model().getDeweyId(id, slot) : model().getSlot(id, slot), Calls.Check.BYTES, false);
    }

    private void returnSegments(long pageArg) {
        pageCall(pageArg, "returnSegmentsToAllocator()", KeyValueLeafPage::returnSegmentsToAllocator,
                id -> model().returnSegments(id));
    }

    private void returnPage(long pageArg) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        returnPageAt(id);
    }

    private void returnPageAt(int id) {
        pageCallAt(id, "pool.returnPage", page -> world.pool.returnPage(page), pageId -> model().returnPage(pageId));
    }

    private void clear(long pageArg) {
        pageCall(pageArg, "clear()", KeyValueLeafPage::clear, id -> model().clear(id));
    }

    private void pageCall(long pageArg, String name, Consumer<KeyValueLeafPage> real,
                          Function<Integer, Outcome<?>> predicted) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        pageCallAt(id, name, real, predicted);
    }

    private void pageCallAt(int id, String name, Consumer<KeyValueLeafPage> real,
                            Function<Integer, Outcome<?>> predicted) {
        KeyValueLeafPage page = world.pages.get(id);
        touchedPages.add(id);
        calls.call(pageName(id) + "." + name, () -> {
            real.accept(page);
            return "ok";
        }, grants -> predicted.apply(id), Calls.Check.NONE, false);
    }

    /** Leases fresh segments (one shared, or slot plus a 4 KiB DeweyID segment) and hands them to the page. */
    private void resetForReuse(long pageArg, long slotBytes, boolean separateDeweyIds) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        RawSegment slot = leaseRaw(slotBytes);
        RawSegment dewey = slot == null || !separateDeweyIds ? slot : leaseRaw(4096);
        if (dewey == null || findings.any()) {
            return;
        }
        KeyValueLeafPage page = world.pages.get(id);
        touchedPages.add(id);
        long newKey = 1000L + id;
        Calls.Result result = calls.call(pageName(id) + ".resetForReuse(key=" + newKey + ", " + (separateDeweyIds ? "separate" : "shared")
                + ")", () -> {
                    page.resetForReuse(newKey, 1, slot.segment(), dewey.segment());
                    return "ok";
                }, grants -> model().resetForReuse(id, newKey, 1, slot.lease(), dewey.lease()), Calls.Check.NONE, false);
        if (result.realOk()) {
            world.raw.remove(slot); // the page owns them now; a raw release of them would be a caller bug
            world.raw.remove(dewey);
        }
    }

    private void guard(long pageArg) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = world.pages.get(id);
        Calls.Result result = calls.call(pageName(id) + ".guard()", page::guard, grants -> model().guard(id), Calls.Check.NONE, false);
        if (result.realOk()) {
            world.guards.add((PageGuard) result.real().value());
        }
    }

    private void closeGuard(long guardArg) {
        int id = pickOrNoop(guardArg, world.guards.size());
        if (id < 0) {
            return;
        }
        closeGuardAt(id);
    }

    private void closeGuardAt(int id) {
        PageGuard guard = world.guards.get(id);
        calls.call("guard#" + id + ".close()", () -> {
            guard.close();
            return "ok";
        }, grants -> model().closeGuard(id), Calls.Check.NONE, false);
    }

    private void clearAllPagePools() {
        calls.call("pool.clearAllPagePools()", () -> {
            world.pool.clearAllPagePools();
            return "ok";
        }, grants -> model().clearAllPagePools(), Calls.Check.NONE, false);
    }

    // ------------------------------------------------------------------ cache actions

    /** The two caches are a fixed pair, not a population: plain modulo, not counted from the newest. */
    private CacheHandle<?> cache(long cacheArg) {
        return world.caches.get((int) Math.floorMod(cacheArg, (long) world.caches.size()));
    }

    private void put(long cacheArg, long key, long pageArg) {
        int id = pickOrNoop(pageArg, world.pages.size());
        if (id < 0) {
            return;
        }
        CacheHandle<?> cache = cache(cacheArg);
        KeyValueLeafPage page = world.pages.get(id);
        calls.call(cache + ".put(key=" + key + ", " + pageName(id) + ")", () -> {
            cache.put(key, page);
            return "ok";
        }, grants -> model().cachePut(cache.index(), key, id), Calls.Check.NONE, false);
    }

    private void getAndGuard(long cacheArg, long key) {
        CacheHandle<?> cache = cache(cacheArg);
        Calls.Result result = calls.call(cache + ".getAndGuard(key=" + key + ")", () -> cache.getAndGuard(key),
                grants -> model().getAndGuard(cache.index(), key), Calls.Check.PRESENCE, false);
        if (result.realOk() && result.real().value() instanceof Optional<?> guard && guard.isPresent()) {
            world.guards.add((PageGuard) guard.get());
        }
    }

    private void invalidate(long cacheArg, long key) {
        CacheHandle<?> cache = cache(cacheArg);
        calls.call(cache + ".invalidate(key=" + key + ")", () -> {
            cache.invalidate(key);
            return "ok";
        }, grants -> model().invalidate(cache.index(), key), Calls.Check.NONE, false);
    }

    private void invalidateAll(long cacheArg) {
        invalidateAll(cache(cacheArg));
    }

    private void invalidateAll(CacheHandle<?> cache) {
        calls.call(cache + ".invalidateAll()", () -> {
            cache.invalidateAll();
            return "ok";
        }, grants -> model().invalidateAll(cache.index()), Calls.Check.NONE, false);
    }

    private void cleanUp(long cacheArg) {
        cleanUp(cache(cacheArg));
    }

    /** Caffeine's pending maintenance; what it evicts is observed, so the model predicts nothing here. */
    private void cleanUp(CacheHandle<?> cache) {
        calls.call(cache + ".cleanUp()", () -> {
            cache.cleanUp();
            return "ok";
        }, grants -> Outcome.done(), Calls.Check.NONE, false);
    }

    /** Moves the fake clock and lets both caches expire what is due now, so expiry happens at ticks only. */
    private void tick(long seconds) {
        world.advanceSeconds(Math.max(0, seconds));
        for (CacheHandle<?> cache : world.caches) {
            cleanUp(cache);
        }
    }

    // ------------------------------------------------------------------ quiesce

    @Override
    public Optional<Violation> quiesce(int stepIndex) {
        trace.setLength(0);
        trace.append("quiesce ->");
        if (!findings.any() && world.pool != null) {
            begin(stepIndex);
            for (CacheHandle<?> cache : world.caches) {
                invalidateAll(cache);
                cleanUp(cache);
            }
            for (int id = 0; id < world.guards.size(); id++) {
                closeGuardAt(id);
            }
            for (int id = 0; id < world.pages.size(); id++) {
                returnPageAt(id);
            }
            for (int position = 0; position < world.raw.size(); position++) {
                if (!world.raw.get(position).isReleased()) {
                    releaseAt(position);
                }
            }
            clearAllPagePools();
            if (world.lockstep() && !findings.any()) {
                invariants.checkAll(stepIndex, touchedPages, true);
                checkNothingLeased();
            }
        } else if (!findings.any() && world.lockstep()) {
            begin(stepIndex);
            checkNothingLeased(); // no pool was built; the constructor's leases must not linger either
        }
        finishTrace();
        return Optional.ofNullable(findings.first());
    }

    private void checkNothingLeased() {
        AllocatorStats stats = world.allocator.stats();
        if (stats.leasedSegments() != 0) {
            StringBuilder perClass = new StringBuilder();
            for (AllocatorStats.ClassStats classStats : stats.classes()) {
                if (classStats.leasedSegments() > 0) {
                    perClass.append(' ').append(classStats.sizeBytes()).append("B=").append(classStats.leasedSegments());
                }
            }
            findings.report(ViolationKind.LEAK, "after quiesce (invalidate all, close all guards, return all pages,"
                    + " release all raw leases, clear pools) the allocator still leases " + stats.leasedSegments()
                    + " segments:" + perClass);
        }
    }

    // ------------------------------------------------------------------ trace and helpers

    private OwnershipModel model() {
        return world.model;
    }

    private String pageName(int id) {
        return world.lockstep() ? world.model.page(id).describe() : "page#" + id;
    }

    private void noop() {
        trace.append(" noop");
    }

    /**
     * The position {@code arg} names among {@code size} objects (counted from the newest), or -1 after
     * recording the step as a no-op because there is none: so any shrunk sequence stays runnable.
     */
    private int pickOrNoop(long arg, int size) {
        int position = World.pick(arg, size);
        if (position < 0) {
            noop();
        }
        return position;
    }

    private void finishTrace() {
        AllocatorStats stats = world.allocator.stats();
        trace.append(" | leased=").append(stats.leasedSegments()).append(" pages=").append(world.pages.size());
        traceLine = trace.toString();
    }

    @Override
    public String traceLine() {
        return traceLine;
    }

    /**
     * Every lease the model knows, for the ownership timeline: {@code "4096@0x7f00..#12"} to
     * {@code "page#3 as SLOT LEASED"}, {@code "a raw lease RELEASED"}; empty without the model.
     */
    @Override
    public Map<String, String> ownership() {
        Map<String, String> owners = new LinkedHashMap<>();
        if (!world.lockstep()) {
            return owners;
        }
        for (Lease lease : world.model.allocator().leases()) {
            String state = !lease.isReleased() ? "LEASED"
                    : world.model.allocator().lastLeaseAt(lease.address()) == lease
                            ? world.model.allocator().stateOf(lease.address()).name() : "RELEASED";
            owners.put(lease.classBytes() + "@0x" + Long.toHexString(lease.address()) + "#" + lease.id(),
                    lease.owner() + " " + state);
        }
        return owners;
    }

    @Override
    public Map<String, Long> marks() {
        Map<String, Long> counts = new LinkedHashMap<>();
        world.marks.snapshot().forEach((mark, count) -> counts.put(mark.name(), count));
        return counts;
    }

    @Override
    public void close() {
        world.close();
    }
}
