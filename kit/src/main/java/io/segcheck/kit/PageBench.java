package io.segcheck.kit;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.segcheck.kit.ObservingAllocator.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Pages of one factory on one {@link ObservingAllocator}, and the ownership oracle that judges
 * them by what the allocator saw: every segment a page holds is a live lease held by no one else,
 * every live lease is held by some page (or by the bench, between leasing and handing it to a
 * reset), nothing was released twice or while still held, and a resize replaced its segment as the
 * design says.
 */
final class PageBench {

    private final PageFactory factory;
    private final PageDesign design;
    private final ObservingAllocator observer;
    private final List<CheckedPage> pages = new ArrayList<>();
    private final List<MemorySegment> benchHeld = new ArrayList<>();
    /** The page whose write is running: a release in it must be of a segment it no longer holds. */
    private volatile CheckedPage writing;

    PageBench(PageFactory factory, OffHeapAllocator allocator) {
        this.factory = factory;
        this.design = factory.design();
        this.observer = new ObservingAllocator(allocator);
        observer.beforeEveryRelease(this::checkPublishedBeforeRelease);
    }

    PageDesign design() {
        return design;
    }

    ObservingAllocator observer() {
        return observer;
    }

    CheckedPage open(PageDesign.DeweyIds deweyIds) {
        CheckedPage page = new CheckedPage("page#" + pages.size(), factory.create(observer, deweyIds), deweyIds);
        pages.add(page);
        return page;
    }

    /** The team's pool over this bench's allocator, when the factory has one. */
    java.util.Optional<PagePoolAdapter> pool() {
        return factory.pool(observer);
    }

    /** A page borrowed from {@code pool}, checked like a created one. */
    CheckedPage borrow(PagePoolAdapter pool, PageDesign.DeweyIds deweyIds) {
        CheckedPage page = new CheckedPage("page#" + pages.size() + "(borrowed)", pool.borrow(deweyIds), deweyIds);
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
     * One write, then the resize checks: a segment the page stopped holding was released, one it
     * started holding is leased, and a replaced segment grew at least as the design says.
     *
     * @return true when the write replaced a segment (a resize)
     */
    boolean write(CheckedPage page, boolean deweyIdArea, int slot, byte[] data) {
        List<MemorySegment> before = page.held();
        writing = page;
        try {
            page.write(deweyIdArea, slot, data);
        } finally {
            writing = null;
        }
        List<MemorySegment> after = page.held();
        List<MemorySegment> dropped = missingFrom(before, after);
        List<MemorySegment> added = missingFrom(after, before);
        String what = page + " write of " + data.length + " B to " + (deweyIdArea ? "DeweyID" : "record") + " slot " + slot;
        for (MemorySegment old : dropped) {
            assertTrue(!observer.isLeased(old), what + ": the page dropped " + describe(old)
                    + " but never released it (a leak)");
        }
        if (dropped.size() == 1 && added.size() == 1) {
            long least = design.resize().leastGrownBytes(dropped.getFirst().byteSize());
            assertTrue(added.getFirst().byteSize() >= least, what + ": resized " + describe(dropped.getFirst()) + " to "
                    + describe(added.getFirst()) + ", less than the declared growth (" + least + " B)");
        }
        assertOwnership(what);
        return !dropped.isEmpty();
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
     * A write that may hit the declared maximum: refused only with the declared exception, in which case the page holds the same segments, the allocator saw
     * no new lease and everything written before still reads back.
     */
    Written writeOrRefused(CheckedPage page, boolean deweyIdArea, int slot, byte[] data) {
        List<MemorySegment> before = page.held();
        long allocations = observer.allocations();
        try {
            return write(page, deweyIdArea, slot, data) ? Written.RESIZED : Written.STORED;
        } catch (RuntimeException refused) {
            if (!PageOracle.isDeclaredRefusal(design, refused)) {
                throw refused;
            }
            String what = page + " refused write of " + data.length + " B to slot " + slot + " (" + refused + ")";
            assertTrue(missingFrom(before, page.held()).isEmpty() && missingFrom(page.held(), before).isEmpty(),
                    what + ": the page's segments changed: before " + before + " after " + page.held());
            assertEquals(allocations, observer.allocations(), what + ": the allocator saw a lease");
            page.assertReadsBack(what);
            assertOwnership(what);
            return Written.REFUSED;
        }
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

    private void checkPublishedBeforeRelease(MemorySegment released) {
        CheckedPage page = writing;
        if (page != null) {
            PageOracle.checkReleaseDuringWrite(observer, page.toString(), page.page(), released);
        }
    }

    private static List<MemorySegment> missingFrom(List<MemorySegment> from, List<MemorySegment> in) {
        return from.stream().filter(segment -> PageOracle.indexOfMemory(in, segment) < 0).toList();
    }
}
