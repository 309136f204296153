package io.segcheck.kit;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.Call;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;
import io.segcheck.model.page.PageCall;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The page contract's checks, each run once per way of keeping DeweyIDs the design lists, on a
 * fresh {@link PageBench} over a new allocator. Plain methods throwing assertion errors, so
 * {@link PageContract} runs them in its JVM and {@link ForkedPageChecks} in a forked one.
 */
final class PageChecks {

    /** Writes per fill: enough to resize and, with {@link PageBench#entryBytesForResizes}, reach the maximum. */
    private static final int FILL_WRITES = 96;

    private final PageFactory factory;
    private final PageDesign design;
    private final Supplier<OffHeapAllocator> allocators;

    PageChecks(PageFactory factory, Supplier<OffHeapAllocator> allocators) {
        this.factory = factory;
        this.design = factory.design();
        this.allocators = allocators;
    }

    /** Runs {@code check} once per declared way of keeping DeweyIDs, each on a bench of its own. */
    private void forEachDeweyIds(Check check) {
        for (DeweyIds deweyIds : design.deweyIds()) {
            PageBench bench = new PageBench(factory, allocators.get());
            check.run(bench, bench.open(deweyIds), new SplittableRandom(deweyIds.ordinal()));
        }
    }

    @FunctionalInterface
    private interface Check {
        void run(PageBench bench, CheckedPage page, SplittableRandom random);
    }

    void dataReadsBackAcrossResizes() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES);
            page.assertReadsBack("after the first writes");
            for (int slot = 0; slot < 8; slot++) {
                bench.writeOrRefused(page, false, slot, PageBench.bytes(random, 1 + random.nextInt(64)));
            }
            page.assertReadsBack("after overwriting slots 0..7");
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after return");
        });
    }

    void resizeReplacesTheSegmentAsDeclared() {
        forEachDeweyIds((bench, page, random) -> {
            int resizes = bench.fill(page, random, FILL_WRITES);
            assertTrue(resizes > 0, page + ": " + FILL_WRITES + " writes of up to " + bench.entryBytesForResizes()
                    + " B never resized the page, so its resize went unchecked");
            page.assertReadsBack("after " + resizes + " resizes");
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after return");
        });
    }

    void writePastTheMaximumIsRefusedAndChangesNothing() {
        forEachDeweyIds((bench, page, random) -> {
            int entryBytes = bench.entryBytesForResizes();
            for (int slot = 0; slot < design.slotCount(); slot++) {
                byte[] data = PageBench.bytes(random, entryBytes);
                if (bench.writeOrRefused(page, false, slot, data) == PageBench.Written.REFUSED) {
                    page.returnSegments("return of " + page);
                    bench.assertEverythingReturned(page + " after return");
                    return;
                }
            }
            fail(page + ": " + design.slotCount() + " records of " + entryBytes + " B were all accepted,"
                    + " more than maxAreaBytes=" + design.resize().maxAreaBytes());
        });
    }

    void returnReleasesEverySegmentOnceWhenRepeated() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES / 2);
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after the first return");
            for (int again = 0; again < 2; again++) {
                page.returnSegments(page + " return number " + (again + 2));
                bench.assertEverythingReturned(page + " after return number " + (again + 2));
            }
        });
    }

    /**
     * Two returns at once, in the one order that finds a return guarded by a check-then-act: the
     * first is held inside its first release until the second has finished or is waiting (on the
     * page's lock, if it takes one). A page that returns under a lock or flips a flag atomically
     * releases each segment once; one that checks, releases and only then marks itself returned
     * releases twice, every time.
     */
    void concurrentReturnsReleaseEverySegmentOnce() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES / 2);
            page.racingReturns(page + " two racing returns");
            bench.assertEverythingReturned(page + " after two racing returns");
        });
    }

    void clearEmptiesTheSlotsAndWritesAsDeclared() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES / 2);
            page.clear(page + " clear"); // the model judges the memory against clearWritesMemory
            page.assertReadsBack("after clear");
            bench.assertOwnership(page + " after clear");
            bench.fill(page, random, 8);
            page.assertReadsBack("after writes following clear");
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after return");
        });
    }

    /**
     * Every call on a returned page: a legal one returns normally, an illegal one throws
     * {@link IllegalStateException}; neither touches a released segment, leases, or holds anything.
     */
    void callsAfterReturnTouchNoReleasedMemory() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES / 2);
            page.returnSegments("return of " + page);
            page.call("CLEAR on the returned page", PageCall.of(PageCall.Kind.CLEAR));
            bench.assertEverythingReturned(page + " after clear() on the returned page");
            page.call("WRITE on the returned page", PageCall.write(false, 0, new byte[] {1, 2, 3}));
            page.call("READ on the returned page", PageCall.read(false, 0));
            if (design.guards()) {
                closeGuard(page.call("GUARD on the returned page", PageCall.of(PageCall.Kind.GUARD)));
            }
            page.returnSegments("RETURN on the returned page");
            if (!design.legalAfterReturn(Call.WRITE)) {
                bench.assertEverythingReturned(page + " after every call on the returned page");
            }
        });
    }

    void resetStartsAnEmptyLifeOnItsNewSegments() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, FILL_WRITES / 2);
            page.returnSegments("return of " + page);
            MemorySegment records = null;
            MemorySegment deweyIds = null;
            if (design.reset() == PageDesign.Reset.TAKES_SEGMENTS) {
                records = bench.leaseForReset(4096);
                deweyIds = switch (page.deweyIds()) {
                    case NONE -> null;
                    case SHARED -> records;
                    case SEPARATE -> bench.leaseForReset(4096);
                };
            }
            page.reset(page + " reset", records, deweyIds);
            bench.handedOver();
            page.assertReadsBack("after reset");
            bench.assertOwnership(page + " after reset");
            if (records != null) {
                assertTrue(page.holds(records), page + ": after reset the page does not hold the records segment it was given");
            }
            bench.fill(page, random, FILL_WRITES / 2);
            page.assertReadsBack("after writes in the new life");
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after the second life's return");
        });
    }

    void pagesOnOneAllocatorNeverShareALease() {
        for (DeweyIds deweyIds : design.deweyIds()) {
            PageBench bench = new PageBench(factory, allocators.get());
            CheckedPage first = bench.open(deweyIds);
            CheckedPage second = bench.open(deweyIds);
            SplittableRandom random = new SplittableRandom(7);
            for (int round = 0; round < 4; round++) {
                bench.fill(first, random, 8 + round * 8);
                bench.fill(second, random, 8 + round * 8);
            }
            first.returnSegments("return of " + first);
            bench.assertOwnership("after " + first + " returned");
            second.assertReadsBack("after the other page returned");
            second.returnSegments("return of " + second);
            bench.assertEverythingReturned("after both pages returned");
        }
    }

    /**
     * Pages borrowed from the team's pool, filled and given back (one twice): every segment goes back
     * exactly once and no page holds anything; a page borrowed afterwards is empty and usable.
     */
    void poolGivesBackEverySegmentOfAReturnedPage() {
        for (DeweyIds deweyIds : design.deweyIds()) {
            PageBench bench = new PageBench(factory, allocators.get());
            PagePoolAdapter pool = bench.pool().orElseThrow(() -> new AssertionError("the factory has no pool"));
            SplittableRandom random = new SplittableRandom(11);
            List<CheckedPage> lent = new ArrayList<>();
            for (int index = 0; index < 3; index++) {
                CheckedPage page = bench.borrow(pool, deweyIds);
                bench.fill(page, random, 24);
                lent.add(page);
            }
            for (CheckedPage page : lent) {
                pool.giveBack(page.page());
                bench.givenBack(page);
                bench.assertOwnership("after " + page + " was given back to the pool");
            }
            pool.giveBack(lent.getFirst().page());
            bench.assertEverythingReturned("after every borrowed page was given back (the first twice)");
            CheckedPage again = bench.borrow(pool, deweyIds);
            again.assertReadsBack("a page borrowed after the give-backs");
            bench.fill(again, random, 16);
            again.assertReadsBack("writes to a page borrowed after the give-backs");
            pool.giveBack(again.page());
            bench.givenBack(again);
            bench.assertEverythingReturned("after the last page was given back");
        }
    }

    /** Whether the factory binds a pool (asked on an allocator of the contract's, closed after the test). */
    boolean hasPool() {
        return new PageBench(factory, allocators.get()).pool().isPresent();
    }

    void guardsPinALivePage() {
        forEachDeweyIds((bench, page, random) -> {
            bench.fill(page, random, 8);
            PageAdapter.Guard guard = page.page().guard();
            try {
                bench.fill(page, random, 16);
                page.assertReadsBack("while guarded");
            } finally {
                guard.close();
            }
            bench.assertOwnership(page + " after the guard closed");
            page.returnSegments("return of " + page);
            bench.assertEverythingReturned(page + " after return");
        });
    }

    /** Closes a guard a legal guard() on a returned page handed out. */
    private static void closeGuard(PageJudge.Judged judged) {
        if (judged.value() instanceof PageAdapter.Guard guard) {
            guard.close();
        }
    }
}
