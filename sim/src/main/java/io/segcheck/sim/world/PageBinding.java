package io.segcheck.sim.world;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.Outcome;
import io.segcheck.sim.runner.Step;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The pool and its pages: borrow, slot and DeweyID reads and writes, return, clear, reset, guards. */
final class PageBinding implements ActionBinding {

    static final Set<Action> ACTIONS = EnumSet.of(Action.BORROW, Action.SET_SLOT, Action.GET_SLOT,
            Action.SET_DEWEY_ID, Action.GET_DEWEY_ID, Action.RETURN_SEGMENTS, Action.RETURN_PAGE, Action.CLEAR,
            Action.RESET_FOR_REUSE, Action.GUARD, Action.CLOSE_GUARD, Action.CLEAR_ALL_PAGE_POOLS,
            Action.MISUSE_PAGE_MEMORY);

    private final StepScope scope;
    /** segcheck's own parts on the world's allocator: pool, pages, guards, caches. */
    private final SystemParts parts;
    /** Where {@code resetForReuse} gets the fresh segments it hands to a page. */
    private final AllocatorBinding allocator;

    PageBinding(StepScope scope, AllocatorBinding allocator) {
        this.parts = SystemParts.of(scope.world);
        this.scope = scope;
        this.allocator = allocator;
    }

    @Override
    public Set<Action> actions() {
        return ACTIONS;
    }

    @Override
    public void apply(Action action, Step step) {
        switch (action) {
            case BORROW -> borrow(step.arg(0), step.arg(1) != 0);
            case SET_SLOT -> write(false, step.arg(0), step.arg(1), step.arg(2), step.arg(3));
            case GET_SLOT -> read(false, step.arg(0), step.arg(1));
            case SET_DEWEY_ID -> write(true, step.arg(0), step.arg(1), step.arg(2), step.arg(3));
            case GET_DEWEY_ID -> read(true, step.arg(0), step.arg(1));
            case RETURN_SEGMENTS -> pageCall(step.arg(0), "returnSegmentsToAllocator()",
                    KeyValueLeafPage::returnSegmentsToAllocator, id -> scope.model().returnSegments(id));
            case RETURN_PAGE -> returnPage(step.arg(0));
            case CLEAR -> pageCall(step.arg(0), "clear()", KeyValueLeafPage::clear, id -> scope.model().clear(id));
            case RESET_FOR_REUSE -> resetForReuse(step.arg(0), step.arg(1), step.arg(2) != 0);
            case GUARD -> guard(step.arg(0));
            case CLOSE_GUARD -> closeGuard(step.arg(0));
            case CLEAR_ALL_PAGE_POOLS -> clearAllPagePools();
            case MISUSE_PAGE_MEMORY -> misusePageMemory(step.arg(0), step.arg(1));
            default -> throw new IllegalArgumentException("action=" + action + " is not a page action");
        }
    }

    private void borrow(long slotBytes, boolean deweyIdsStored) {
        long recordPageKey = parts.pages.size();
        Calls.Result result = scope.calls.call("borrowPage(key=" + recordPageKey + ", slotBytes=" + slotBytes
                + ", deweyIdsStored=" + deweyIdsStored + ")",
                () -> parts.pool.borrowPage(recordPageKey, 0, slotBytes, deweyIdsStored),
                grants -> scope.model().borrowPage(recordPageKey, 0, slotBytes, deweyIdsStored, grants),
                Calls.Check.NONE, false);
        if (result.realOk()) {
            parts.pages.add((KeyValueLeafPage) result.real().value());
            scope.touchedPages.add(parts.pages.size() - 1);
        }
    }

    private void write(boolean dewey, long pageArg, long slotArg, long length, long fill) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = parts.pages.get(id);
        scope.touchedPages.add(id);
        int slot = (int) slotArg;
        byte[] data = Payloads.of(length, fill);
        String what = scope.pageName(id) + "." + (dewey ? "setDeweyId" : "setSlot") + "(" + slot + ", "
                + (data == null ? "null" : "byte[" + data.length + "]") + ")";
        scope.calls.call(what, () -> {
            if (dewey) {
                page.setDeweyId(slot, data);
            } else {
                page.setSlot(slot, data);
            }
            return "ok";
        }, grants -> dewey ? scope.model().setDeweyId(id, slot, data, grants)
                : scope.model().setSlot(id, slot, data, grants), Calls.Check.NONE, false);
    }

    private void read(boolean dewey, long pageArg, long slotArg) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = parts.pages.get(id);
        scope.touchedPages.add(id);
        int slot = (int) slotArg;
        String what = scope.pageName(id) + "." + (dewey ? "getDeweyId" : "getSlot") + "(" + slot + ")";
        scope.calls.call(what, () -> dewey ? page.getDeweyId(slot) : page.getSlot(slot),
                grants -> dewey ? scope.model().getDeweyId(id, slot) : scope.model().getSlot(id, slot),
                Calls.Check.BYTES, false);
    }

    private void returnPage(long pageArg) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        returnPageAt(id);
    }

    private void returnPageAt(int id) {
        pageCallAt(id, "pool.returnPage", page -> parts.pool.returnPage(page),
                pageId -> scope.model().returnPage(pageId));
    }

    private void pageCall(long pageArg, String name, Consumer<KeyValueLeafPage> real,
                          Function<Integer, Outcome<?>> predicted) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        pageCallAt(id, name, real, predicted);
    }

    private void pageCallAt(int id, String name, Consumer<KeyValueLeafPage> real,
                            Function<Integer, Outcome<?>> predicted) {
        KeyValueLeafPage page = parts.pages.get(id);
        scope.touchedPages.add(id);
        scope.calls.call(scope.pageName(id) + "." + name, () -> {
            real.accept(page);
            return "ok";
        }, grants -> predicted.apply(id), Calls.Check.NONE, false);
    }

    /** Leases fresh segments (one shared, or slot plus a 4 KiB DeweyID segment) and hands them to the page. */
    private void resetForReuse(long pageArg, long slotBytes, boolean separateDeweyIds) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        RawSegment slot = allocator.leaseRaw(slotBytes);
        RawSegment dewey = slot == null || !separateDeweyIds ? slot : allocator.leaseRaw(4096);
        if (dewey == null || scope.findings.any()) {
            return;
        }
        KeyValueLeafPage page = parts.pages.get(id);
        scope.touchedPages.add(id);
        long newKey = 1000L + id;
        Calls.Result result = scope.calls.call(scope.pageName(id) + ".resetForReuse(key=" + newKey + ", "
                + (separateDeweyIds ? "separate" : "shared") + ")", () -> {
                    page.resetForReuse(newKey, 1, slot.segment(), dewey.segment());
                    return "ok";
                }, grants -> scope.model().resetForReuse(id, newKey, 1, slot.lease(), dewey.lease()),
                Calls.Check.NONE, false);
        if (result.realOk()) {
            scope.populations().raw.remove(slot); // the page owns them now; a raw release of them would be a caller bug
            scope.populations().raw.remove(dewey);
        }
    }

    private void guard(long pageArg) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = parts.pages.get(id);
        Calls.Result result = scope.calls.call(scope.pageName(id) + ".guard()", page::guard,
                grants -> scope.model().guard(id), Calls.Check.NONE, false);
        if (result.realOk()) {
            parts.guards.add((PageGuard) result.real().value());
        }
    }

    private void closeGuard(long guardArg) {
        int id = scope.pickOrNoop(guardArg, parts.guards.size());
        if (id < 0) {
            return;
        }
        closeGuardAt(id);
    }

    private void closeGuardAt(int id) {
        PageGuard guard = parts.guards.get(id);
        scope.calls.call("guard#" + id + ".close()", () -> {
            guard.close();
            return "ok";
        }, grants -> scope.model().closeGuard(id), Calls.Check.NONE, false);
    }

    void clearAllPagePools() {
        scope.calls.call("pool.clearAllPagePools()", () -> {
            parts.pool.clearAllPagePools();
            return "ok";
        }, grants -> scope.model().clearAllPagePools(), Calls.Check.NONE, false);
    }

    /**
     * A caller misusing the memory a page shows: 0 releases the page's record view raw (refused,
     * the page keeps its lease); 1 resets the page with the next older page's view (refused, both
     * pages unchanged).
     */
    private void misusePageMemory(long kindArg, long pageArg) {
        int id = scope.pickOrNoop(pageArg, parts.pages.size());
        if (id < 0) {
            return;
        }
        KeyValueLeafPage page = parts.pages.get(id);
        scope.touchedPages.add(id);
        if (Math.floorMod(kindArg, 2) == 0) {
            if (!refusesViews()) {
                scope.noop(); // by design a page's view would end (or is trusted to end) the page's lease
                return;
            }
            allocator.releaseView("release(" + scope.pageName(id) + ".slotMemory())", page.slotMemory(),
                    scope.world.lockstep() ? scope.model().page(id).slotLease() : null);
            return;
        }
        int otherId = Populations.pick(pageArg + 1, parts.pages.size());
        MemorySegment other = parts.pages.get(otherId).slotMemory();
        scope.touchedPages.add(otherId);
        scope.calls.call(scope.pageName(id) + ".resetForReuse(key=" + (1000L + id) + ", " + scope.pageName(otherId)
                + ".slotMemory())", () -> {
                    page.resetForReuse(1000L + id, 1, other, other);
                    return "ok";
                }, grants -> scope.model().resetForReuseWithView(id), Calls.Check.NONE, false);
    }

    /** Whether the design refuses a release through a view of a live lease (the misuse this binding makes). */
    private boolean refusesViews() {
        return scope.world.design.validatesReleases()
                && scope.world.design.viewRelease() == io.segcheck.api.AllocatorDesign.ViewRelease.REFUSED;
    }

    /** Quiesce: closes every guard, then returns every page to the pool, oldest first. */
    void unguardAndReturnAll() {
        for (int id = 0; id < parts.guards.size(); id++) {
            closeGuardAt(id);
        }
        for (int id = 0; id < parts.pages.size(); id++) {
            returnPageAt(id);
        }
    }
}
