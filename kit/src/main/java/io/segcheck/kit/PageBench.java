package io.segcheck.kit;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Pages of one factory on one {@link ObservingAllocator}: every call goes through a {@link PageJudge}
 * (the page-design model judges it), and the ownership oracle judges what the allocator saw: every
 * segment a page holds is a live lease held by no one else, every live lease is held by some page
 * (or by the bench, between leasing and handing it to a reset), nothing was released twice.
 */
final class PageBench {

    private final PageFactory factory;
    private final PageDesign design;
    private final ObservingAllocator observer;
    private final PageJudge judge;
    private final List<CheckedPage> pages = new ArrayList<>();
    private final List<MemorySegment> benchHeld = new ArrayList<>();

    PageBench(PageFactory factory, OffHeapAllocator allocator) {
        this.factory = factory;
        this.design = factory.design();
        this.observer = new ObservingAllocator(allocator);
        this.judge = new PageJudge(observer, design, failure -> false);
    }

    PageDesign design() {
        return design;
    }

    ObservingAllocator observer() {
        return observer;
    }

    CheckedPage open(PageDesign.DeweyIds deweyIds) {
        return track(factory.create(observer, deweyIds), "page#" + pages.size(), deweyIds);
    }

    /** The team's pool over this bench's allocator, when the factory has one. */
    java.util.Optional<PagePoolAdapter> pool() {
        return factory.pool(observer);
    }

    /** A page borrowed from {@code pool}, checked like a created one. */
    CheckedPage borrow(PagePoolAdapter pool, PageDesign.DeweyIds deweyIds) {
        return track(pool.borrow(deweyIds), "page#" + pages.size() + "(borrowed)", deweyIds);
    }

    private CheckedPage track(PageAdapter adapter, String name, PageDesign.DeweyIds deweyIds) {
        CheckedPage page = new CheckedPage(adapter, judge.model().open(name, deweyIds), judge);
        pages.add(page);
        return page;
    }
    /**
     * {@code page} was given back to its pool: it must hold nothing now, and from here on it is the
     * pool's (which may lend it again), so the bench stops judging it.
     */
    void givenBack(CheckedPage page) {
        assertTrue(page.held().isEmpty(), page + " still holds " + page.held() + " after it was given back to its pool");
        pages.remove(page);
    }

    /** A lease the bench holds until a reset takes it over. */
    MemorySegment leaseForReset(long bytes) {
        MemorySegment segment = observer.allocate(bytes);
        benchHeld.add(segment);
        return segment;
    }

    /** The reset took the bench's leases over. */
    void handedOver() {
        benchHeld.clear();
    }

    /**
     * One write, judged by the model (resize order, growth, release of the old segment), then the
     * ownership oracle.
     *
     * @return true when the write replaced a segment (a resize)
     */
    boolean write(CheckedPage page, boolean deweyIdArea, int slot, byte[] data) {
        PageJudge.Judged judged = page.write(deweyIdArea, slot, data);
        if (judged.thrown() != null) {
            throw judged.thrown(); // the model took it for the declared refusal; the caller decides
        }
        assertOwnership(page + " write of " + data.length + " B to " + (deweyIdArea ? "DeweyID" : "record") + " slot " + slot);
        return judged.replacedASegment();
    }

    /** How a write that may hit the declared maximum ended. */
    enum Written {
        STORED, RESIZED, REFUSED
    }

    /**
     * Writes entries to fresh slots (alternating areas when the page keeps DeweyIDs) until the page
     * refused a write past its maximum or {@code writes} were made; each refusal must leave the page
     * as it was. Returns how many writes resized.
     */
    int fill(CheckedPage page, SplittableRandom random, int writes) {
        int resizes = 0;
        int entryBytes = entryBytesForResizes();
        for (int index = 0; index < writes && index < 2 * design.slotCount(); index++) {
            boolean deweyIdArea = page.keepsDeweyIds() && index % 2 == 1;
            int slot = page.keepsDeweyIds() ? index / 2 : index;
            Written written = writeOrRefused(page, deweyIdArea, slot, bytes(random, 1 + random.nextInt(entryBytes)));
            if (written == Written.REFUSED) {
                return resizes;
            }
            resizes += written == Written.RESIZED ? 1 : 0;
        }
        return resizes;
    }

    /**
     * A write that may hit the declared maximum: the model accepts a refusal only with the declared
     * exception, the page's segments unchanged and no lease taken; everything written before still
     * reads back.
     */
    Written writeOrRefused(CheckedPage page, boolean deweyIdArea, int slot, byte[] data) {
        PageJudge.Judged judged = page.write(deweyIdArea, slot, data);
        String what = page + " write of " + data.length + " B to slot " + slot;
        if (judged.thrown() != null) {
            page.assertReadsBack(what + ", refused");
            assertOwnership(what + ", refused");
            return Written.REFUSED;
        }
        assertOwnership(what);
        return judged.replacedASegment() ? Written.RESIZED : Written.STORED;
    }

    /**
     * Entry sizes at which {@code slotCount} entries need about twice the largest area, enough to
     * resize and overflow, but never more than half of it, so one entry always fits.
     */
    int entryBytesForResizes() {
        long maxArea = design.resize().maxAreaBytes();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(8, Math.min(maxArea / 2, 2 * maxArea / design.slotCount())));
    }

    static byte[] bytes(SplittableRandom random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    /** The ownership oracle over every page of the bench (see the class comment). */
    void assertOwnership(String when) {
        List<PageOracle.Holder> holders = new ArrayList<>();
        if (!benchHeld.isEmpty()) {
            holders.add(new PageOracle.Holder("the bench", benchHeld));
        }
        for (CheckedPage page : pages) {
            holders.add(new PageOracle.Holder(page.toString(), page.held()));
        }
        PageOracle.check(observer, holders).ifPresent(finding -> fail(when + ": " + finding));
    }

    /** After the last return: nothing leased, nothing held, every lease released exactly once. */
    void assertEverythingReturned(String when) {
        assertOwnership(when);
        for (CheckedPage page : pages) {
            assertTrue(page.held().isEmpty(), when + ": " + page + " still holds " + page.held());
        }
        assertEquals(observer.allocations(), observer.releases(), when + ": leases and releases do not match");
    }
}
