package io.segcheck.sim.pages;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;
import io.segcheck.kit.ObservingAllocator;
import io.segcheck.kit.OwnershipFinding;
import io.segcheck.kit.PageJudge;
import io.segcheck.kit.PageOracle;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.page.PageCall;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of the page sweep: pages of a team's factory on segcheck's observing allocator over the
 * team's (or a plain) allocator. Each step calls one page; then the kit's oracle judges what the
 * allocator saw, and reads are compared with what was written. A step on a page that does not exist
 * is a no-op, so any sub-sequence stays runnable.
 */
final class PageWorld implements Subject {

    private final PageFactory factory;
    private final PageDesign design;
    private final OffHeapAllocator allocator;
    private final ObservingAllocator observer;
    /** The simulator's allocation fault site, under the observer; never armed by the sweep. */
    private final FaultingAllocator faulting;
    private final List<SweptPage> pages = new ArrayList<>();
    private final List<PageDesign.DeweyIds> deweyIdChoices;
    /** The team's pool over the observing allocator, when its factory binds one. */
    private final Optional<PagePoolAdapter> pool;
    /** The factory's cache, when it binds one; its removal listener runs on the world's executor. */
    private final CachedPages cached;
    /** Runs every page call and lets the page-design model judge it. */
    private final PageJudge judge;
    private String trace = "";

    PageWorld(PageFactory factory, AllocatorFactory allocators) {
        this.factory = factory;
        this.design = factory.design();
        this.allocator = allocators.create(AllocatorSettings.roomy().withGuardMode(false));
        this.faulting = new FaultingAllocator(allocator);
        this.observer = new ObservingAllocator(faulting);
        this.deweyIdChoices = List.copyOf(design.deweyIds());
        this.judge = new PageJudge(observer, design, faulting::injected);
        this.pool = factory.pool(observer);
        this.cached = new CachedPages(factory.cache(observer).orElse(null));
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        Optional<Violation> found = applyStep(step);
        return found.or(() -> judge()).map(violation -> violation.atStep(stepIndex));
    }

    /**
     * {@link #apply} with the {@code failAt}-th allocation of the step failing (0: none), as the
     * allocator's exhaustion would: a failed resize, creation or reset must leave the page intact and
     * nothing leaked, which the step and the oracle after it check.
     */
    Optional<Violation> applyFailing(int stepIndex, Step step, int failAt) {
        faulting.arm(failAt);
        try {
            return apply(stepIndex, step);
        } finally {
            faulting.disarm();
        }
    }

    /** The page at raw position {@code raw} (modulo the pages made), or null when none exists. */
    SweptPage pageAt(long raw) {
        return pages.isEmpty() ? null : pages.get((int) Math.floorMod(raw, (long) pages.size()));
    }

    int pageCount() {
        return pages.size();
    }

    /** The position of {@code page} among the pages made. */
    int positionOf(SweptPage page) {
        return pages.indexOf(page);
    }

    PageDesign design() {
        return design;
    }

    /** Sets the trace line for a step the caller handled itself. */
    void note(String line) {
        trace = line;
    }

    private Optional<Violation> applyStep(Step step) {
        if (step.action().equals(PageActions.OPEN) || step.action().equals(PageActions.BORROW)) {
            return open(step.arg(0), step.action().equals(PageActions.BORROW));
        }
        if (PageActions.CACHE_NAMES.contains(step.action())) {
            return cacheStep(step);
        }
        if (pages.isEmpty()) {
            trace = step.toLine() + " -> no page";
            return Optional.empty();
        }
        SweptPage page = pages.get((int) Math.floorMod(step.arg(0), (long) pages.size()));
        if (page.givenBack() || page.cached()) {
            trace = step.toLine() + " -> " + page.name() + (page.cached() ? " is the cache's" : " was given back");
            return Optional.empty();
        }
        return switch (step.action()) {
            case PageActions.WRITE_RECORD -> write(page, false, step);
            case PageActions.WRITE_DEWEY_ID -> write(page, true, step);
            case PageActions.READ_RECORD -> read(page, false, (int) step.arg(1));
            case PageActions.READ_DEWEY_ID -> read(page, true, (int) step.arg(1));
            case PageActions.CLEAR -> clear(page);
            case PageActions.RETURN -> returnSegments(page);
            case PageActions.RACING_RETURNS -> racingReturns(page);
            case PageActions.RESET -> reset(page);
            case PageActions.GIVE_BACK -> giveBack(page);
            default -> throw new IllegalArgumentException("action=" + step.action() + " is not a page action");
        };
    }

    private Optional<Violation> open(long choice, boolean borrow) {
        if (borrow && pool.isEmpty()) {
            trace = "borrowPage -> the factory binds no pool";
            return Optional.empty();
        }
        PageDesign.DeweyIds deweyIds = deweyIdChoices.get((int) Math.floorMod(choice, (long) deweyIdChoices.size()));
        String name = "page#" + pages.size() + "(" + deweyIds + (borrow ? ", borrowed" : "") + ")";
        CallOutcome outcome = call(name + (borrow ? " = pool.borrow" : " = create"), () -> {
            pages.add(new SweptPage(borrow ? pool.orElseThrow().borrow(deweyIds) : factory.create(observer, deweyIds),
                    judge.model().open(name, deweyIds), borrow));
            return null;
        });
        if (outcome.threw() && faulting.injected(outcome.thrown())) {
            return Optional.empty(); // no page; the oracle finds anything it took and kept
        }
        return outcome.failure();
    }

    /** A call on the factory's cache; arguments missing after shrinking read as 0. */
    private Optional<Violation> cacheStep(Step step) {
        long first = step.args().isEmpty() ? 0 : step.arg(0);
        return switch (step.action()) {
            case PageActions.CACHE_PUT -> cached.put(this, pageAt(first), step.args().size() > 1 ? step.arg(1) : 0);
            case PageActions.CACHE_GET -> cached.get(this, first);
            case PageActions.CACHE_INVALIDATE -> cached.invalidate(this, first);
            default -> cached.runRemoval(this);
        };
    }

    /** A lent page back to its pool: it must hold nothing afterwards (the oracle sees whether its segments went back). */
    private Optional<Violation> giveBack(SweptPage page) {
        if (!page.lent()) {
            trace = page.name() + ".giveBack -> not borrowed from the pool";
            return Optional.empty();
        }
        CallOutcome outcome = call("pool.giveBack(" + page.name() + ")", () -> {
            pool.orElseThrow().giveBack(page.adapter());
            return null;
        });
        if (outcome.threw()) {
            return outcome.failure();
        }
        page.markGivenBack();
        if (page.guarded()) {
            trace = outcome.describe() + " (guarded: it may keep its segments until its last guard closes)";
            return Optional.empty();
        }
        return settleGivenBack(page);
    }

    /** A page given back to its pool, no guard open on it: it must hold nothing now. */
    Optional<Violation> settleGivenBack(SweptPage page) {
        List<MemorySegment> held = page.adapter().heldSegments();
        if (!held.isEmpty()) {
            return violation(ViolationKind.LEAK, page.name() + " still holds " + held.size()
                    + " segment(s) after it was given back to its pool");
        }
        return Optional.empty();
    }

    private Optional<Violation> write(SweptPage page, boolean deweyIdArea, Step step) {
        int slot = (int) Math.floorMod(step.arg(1), (long) design.slotCount());
        PageJudge.Judged judged = judged(page, PageCall.write(deweyIdArea, slot, payload(step.arg(2), step.arg(3))));
        if (judged.violation().isEmpty() && judged.seen().injectedFailure()) {
            return intactAfterFailedWrite(page, deweyIdArea, slot);
        }
        return judged.violation();
    }

    /** A write whose allocation failed: the slot still reads what it held before (the oracle checks the rest). */
    private Optional<Violation> intactAfterFailedWrite(SweptPage page, boolean deweyIdArea, int slot) {
        String failed = trace + " -> injected allocation failure";
        if (!page.expected().legal(PageCall.read(deweyIdArea, slot))) {
            trace = failed;
            return Optional.empty();
        }
        Optional<Violation> reread = judged(page, PageCall.read(deweyIdArea, slot)).violation()
                .map(violation -> Violation.of(violation.kind(), 0, failed + ", then " + violation.message()
                        + ": a failed resize must leave the page intact"));
        trace = failed + (reread.isEmpty() ? "; the page is intact" : "; read back: " + trace);
        return reread;
    }

    private Optional<Violation> read(SweptPage page, boolean deweyIdArea, int rawSlot) {
        int slot = (int) Math.floorMod(rawSlot, (long) design.slotCount());
        return judged(page, PageCall.read(deweyIdArea, slot)).violation();
    }

    private Optional<Violation> clear(SweptPage page) {
        return judged(page, PageCall.of(PageCall.Kind.CLEAR)).violation();
    }

    private Optional<Violation> returnSegments(SweptPage page) {
        return judged(page, PageCall.of(PageCall.Kind.RETURN)).violation();
    }

    private Optional<Violation> racingReturns(SweptPage page) {
        if (page.returned()) {
            trace = page.name() + ".racingReturns() -> already returned";
            return Optional.empty();
        }
        try {
            PageJudge.Judged judged = judge.racingReturns(page.expected(), page.adapter());
            trace = page.name() + ".racingReturns() -> " + ending(judged);
            return judged.violation();
        } catch (AssertionError stuck) {
            trace = page.name() + ".racingReturns() -> " + stuck.getMessage();
            return violation(ViolationKind.UNEXPECTED_ERROR, stuck.getMessage());
        }
    }

    private Optional<Violation> reset(SweptPage page) {
        if (!page.expected().legal(PageCall.of(PageCall.Kind.RESET))) {
            trace = page.name() + ".reset() -> not returned, or no reset";
            return Optional.empty();
        }
        MemorySegment records = null;
        MemorySegment deweyIds = null;
        if (design.reset() == PageDesign.Reset.TAKES_SEGMENTS) {
            faulting.disarm(); // segcheck's own leases for the page never fail
            records = observer.allocate(4096);
            deweyIds = switch (page.deweyIds()) {
                case NONE -> null;
                case SHARED -> records;
                case SEPARATE -> observer.allocate(4096);
            };
        }
        PageJudge.Judged judged = judge.reset(page.expected(), page.adapter(), records, deweyIds);
        trace = page.name() + ".reset() -> " + ending(judged);
        return judged.violation(); // a failed allocation leaves it returned: the oracle checks it holds and keeps nothing
    }

    /** Runs {@code call} on {@code page} through the judge; the trace line names the call and how it ended. */
    PageJudge.Judged judged(SweptPage page, PageCall call) {
        PageJudge.Judged judged = judge.call(page.expected(), page.adapter(), call);
        trace = page.name() + "." + call.text() + " -> " + ending(judged);
        return judged;
    }

    /** {@code ok} or the simple name of what was thrown: no addresses, the same in every JVM. */
    private static String ending(PageJudge.Judged judged) {
        return judged.thrown() == null ? "ok" : judged.thrown().getClass().getSimpleName();
    }

    /** The oracle after every step, and a returned page must claim nothing. */
    Optional<Violation> judge() {
        List<PageOracle.Holder> holders = new ArrayList<>();
        for (SweptPage page : pages) {
            if (page.givenBack() && !page.guarded()) {
                continue; // the pool's now; a guarded one still holds its segments legitimately

            }
            PageOracle.Holder holder = PageOracle.Holder.of(page.name(), page.adapter());
            Optional<Violation> keeps = page.expected().judgeHeld("after the step", PageJudge.refs(holder.held()));
            if (keeps.isPresent()) {
                return keeps;
            }
            holders.add(holder);
        }
        return PageOracle.check(observer, holders).map(OwnershipFinding::toViolation);
    }

    @Override
    public Optional<Violation> quiesce(int stepIndex) {
        Optional<Violation> uncached = cached.quiesce(this).or(this::judge);
        if (uncached.isPresent()) {
            return uncached.map(violation -> violation.atStep(stepIndex));
        }
        for (SweptPage page : pages) {
            if (!page.givenBack() && !page.returned() && !page.cached()) {
                Optional<Violation> failed = page.lent() ? giveBack(page) : returnSegments(page);
                if (failed.isPresent()) {
                    return failed.map(violation -> violation.atStep(stepIndex));
                }
            }
        }
        trace = "quiesce: every page returned or given back";
        return judge().map(violation -> violation.atStep(stepIndex));
    }

    @Override
    public String traceLine() {
        return trace;
    }

    @Override
    public void close() {
        try {
            allocator.close();
        } catch (RuntimeException alreadyClosed) {
            // the allocator's close is not under check in a page sweep
        }
    }

    CallOutcome call(String what, Supplier<Object> call) {
        CallOutcome outcome = CallOutcome.of(what, call);
        trace = outcome.describe();
        return outcome;
    }

    private static byte[] payload(long length, long fill) {
        byte[] data = new byte[(int) Math.max(1, Math.min(length, 1 << 20))];
        for (int index = 0; index < data.length; index++) {
            data[index] = (byte) (fill + index);
        }
        return data;
    }

    static Optional<Violation> violation(ViolationKind kind, String message) {
        return Optional.of(Violation.of(kind, 0, message));
    }
}
