package io.segcheck.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages, the pool and guards in the model: contents, resizes, errors in the agreed order, returns. */
class PageModelTest {

    private final OwnershipModel model =
            new OwnershipModel(new ModelConfig(false, 0, 1L << 30, 4L << 20), 1);
    private final ScriptedGrants grants = new ScriptedGrants();

    private int borrow(long slotBytes, boolean deweyIdsStored) {
        return model.borrowPage(1, 0, slotBytes, deweyIdsStored, grants).get().id();
    }

    private static byte[] bytes(int length, int fill) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) fill);
        return data;
    }

    @Test
    void borrowWithoutDeweyIdsSharesOneSegmentOfTheRoundedClass() {
        PageModel page = model.page(borrow(5000, false));
        assertTrue(page.isShared());
        assertEquals(8192, page.slotLease().classBytes());
        assertEquals(Owner.page(page.id(), Owner.Role.SHARED), page.slotLease().owner());
        assertEquals(1, model.allocator().leasedSegments());
        assertEquals(1, model.pagesBorrowed());
    }

    @Test
    void borrowWithDeweyIdsLeasesASeparateSmallestClassSegment() {
        PageModel page = model.page(borrow(100_000, true));
        assertFalse(page.isShared());
        assertEquals(131_072, page.slotLease().classBytes());
        assertEquals(4096, page.deweyLease().classBytes());
        assertEquals(2, model.allocator().leasedSegments());
    }

    @Test
    void borrowWhoseDeweyAllocationIsExhaustedReleasesTheSlotSegmentAndCountsNothing() {
        grants.thenAddress(0xC000).then(Grant.exhausted(0, 1L << 30));
        Outcome<PageModel> outcome = model.borrowPage(1, 0, 4096, true, grants);
        assertEquals(ErrorKind.EXHAUSTED, outcome.error());
        assertEquals(0, model.allocator().leasedSegments());
        assertEquals(0, model.pagesBorrowed());
        assertTrue(model.pages().isEmpty());
        assertTrue(model.drainViolations().isEmpty());
    }

    @Test
    void borrowWithABadSizeIsTheAllocatorsIllegalArgument() {
        assertEquals(ErrorKind.ILLEGAL_ARGUMENT, model.borrowPage(1, 0, 0, false, grants).error());
        assertEquals(ErrorKind.ILLEGAL_ARGUMENT, model.borrowPage(1, 0, 262_145, true, grants).error());
        assertEquals(0, model.pagesBorrowed());
    }

    @Test
    void slotsReadBackWhatWasWrittenAndEmptySlotsAreNull() {
        int page = borrow(4096, true);
        model.setSlot(page, 3, bytes(10, 7), grants);
        model.setSlot(page, 0, new byte[0], grants);
        model.setDeweyId(page, 3, bytes(2, 9), grants);
        assertArrayEquals(bytes(10, 7), model.getSlot(page, 3).get());
        assertArrayEquals(new byte[0], model.getSlot(page, 0).get());
        assertNull(model.getSlot(page, 1).get());
        assertArrayEquals(bytes(2, 9), model.getDeweyId(page, 3).get());
        assertNull(model.getDeweyId(page, 0).get());
        model.setSlot(page, 3, bytes(1, 5), grants);
        assertArrayEquals(bytes(1, 5), model.getSlot(page, 3).get());
        assertEquals(4 + 8, model.page(page).usedBytes(false), "entries of 0 and 1 payload bytes");
    }

    @Test
    void writeErrorsComeInTheAgreedOrderAndChangeNothing() {
        int page = borrow(4096, false);
        model.setSlot(page, 0, bytes(8, 1), grants);
        assertEquals(ErrorKind.INDEX_OUT_OF_BOUNDS, model.setSlot(page, 1024, null, grants).error());
        assertEquals(ErrorKind.INDEX_OUT_OF_BOUNDS, model.setSlot(page, -1, bytes(1, 1), grants).error());
        assertEquals(ErrorKind.NULL_POINTER, model.setSlot(page, 5, null, grants).error());
        assertEquals(ErrorKind.ILLEGAL_ARGUMENT, model.setSlot(page, 5, bytes(262_141, 0), grants).error());
        assertEquals(ErrorKind.PAGE_FULL, model.setSlot(page, 5, bytes(262_140, 0), grants).error(),
                "fits alone, not next to slot 0");
        assertEquals(ErrorKind.INDEX_OUT_OF_BOUNDS, model.getSlot(page, 1024).error());
        assertEquals(ErrorKind.ILLEGAL_STATE, model.setDeweyId(page, 2000, null, grants).error(),
                "DeweyIDs not stored is a state check, before the slot");
        assertEquals(ErrorKind.ILLEGAL_STATE, model.getDeweyId(page, 0).error());
        assertEquals(1, grants.requestedClassBytes().size(), "no refused write asked the allocator");
        assertArrayEquals(bytes(8, 1), model.getSlot(page, 0).get());
        model.returnSegments(page);
        assertEquals(ErrorKind.ILLEGAL_STATE, model.setSlot(page, 1024, null, grants).error(), "RETURNED comes first");
        assertEquals(ErrorKind.ILLEGAL_STATE, model.getSlot(page, 0).error());
    }

    @Test
    void aWriteThatDoesNotFitResizesASharedSegmentAndMovesBothFields() {
        int id = borrow(4096, false);
        PageModel page = model.page(id);
        Lease old = page.slotLease();
        model.setSlot(id, 0, bytes(4000, 1), grants);
        assertSame(old, page.slotLease(), "4004 bytes fit 4096");
        model.setSlot(id, 1, bytes(200, 2), grants);
        assertNotSame(old, page.slotLease());
        assertSame(page.slotLease(), page.deweyLease(), "shared stays shared");
        assertEquals(8192, page.slotLease().classBytes(), "max(2 * 4096, 4208) rounds to 8192");
        assertTrue(old.isReleased());
        assertEquals(1, model.allocator().leasedSegments());
        assertArrayEquals(bytes(4000, 1), model.getSlot(id, 0).get());
    }

    @Test
    void aResizeRequestsTheBytesNeededWhenThatIsMoreThanDouble() {
        int id = borrow(4096, true);
        model.setSlot(id, 0, bytes(20_000, 1), grants);
        assertEquals(32_768, model.page(id).slotLease().classBytes(), "max(8192, 20004) rounds to 32768");
        model.setDeweyId(id, 0, bytes(5000, 3), grants);
        assertEquals(8192, model.page(id).deweyLease().classBytes());
        assertFalse(model.page(id).isShared());
        assertEquals(32_768, model.page(id).slotLease().classBytes(), "a DeweyID resize leaves the slot segment alone");
        assertEquals(List.of(4096, 4096, 32_768, 8192), grants.requestedClassBytes());
    }

    @Test
    void anExhaustedResizeLeavesThePageUnchanged() {
        int id = borrow(4096, false);
        PageModel page = model.page(id);
        Lease old = page.slotLease();
        model.setSlot(id, 0, bytes(100, 1), grants);
        grants.then(Grant.exhausted(0, 1L << 30));
        assertEquals(ErrorKind.EXHAUSTED, model.setSlot(id, 1, bytes(5000, 2), grants).error());
        assertSame(old, page.slotLease());
        assertFalse(old.isReleased());
        assertNull(model.getSlot(id, 1).get());
        assertEquals(1, model.allocator().leasedSegments());
    }

    @Test
    void aPageGrowsToTheLargestClassAndThenIsFull() {
        int id = borrow(4096, false);
        model.setSlot(id, 0, bytes(262_140, 1), grants);
        assertEquals(262_144, model.page(id).slotLease().classBytes());
        assertEquals(ErrorKind.PAGE_FULL, model.setSlot(id, 1, new byte[0], grants).error());
        assertTrue(model.setSlot(id, 0, bytes(262_137, 2), grants).isOk(), "same padded size overwrites in place");
    }

    @Test
    void returnSegmentsReleasesEachLeaseOnceAndIsIdempotent() {
        int id = borrow(4096, true);
        model.returnSegments(id);
        assertEquals(0, model.allocator().leasedSegments());
        assertTrue(model.returnSegments(id).isOk());
        assertTrue(model.returnPage(id).isOk());
        assertEquals(PageState.RETURNED, model.stateOf(id));
        assertEquals(0, model.pagesReturned(), "direct returns are not the pool's");
        assertTrue(model.clear(id).isOk(), "clear is allowed on a returned page");
    }

    @Test
    void retiringAGuardedPageOrphansItAndTheLastGuardReturnsIt() {
        int id = borrow(4096, false);
        GuardModel first = model.guard(id).get();
        GuardModel second = model.guard(id).get();
        model.returnPage(id);
        assertEquals(PageState.ORPHANED, model.stateOf(id));
        assertEquals(1, model.pagesReturned());
        assertEquals(ErrorKind.ILLEGAL_STATE, model.guard(id).error());
        assertTrue(model.setSlot(id, 0, bytes(3, 3), grants).isOk(), "an orphan is usable through its guards");
        model.closeGuard(first.id());
        model.closeGuard(first.id());
        assertEquals(PageState.ORPHANED, model.stateOf(id), "closing one guard twice counts once");
        assertEquals(1, model.allocator().leasedSegments());
        model.closeGuard(second.id());
        assertEquals(PageState.RETURNED, model.stateOf(id));
        assertEquals(0, model.allocator().leasedSegments());
        model.returnPage(id);
        assertEquals(1, model.pagesReturned(), "returning a returned page again does nothing");
    }

    @Test
    void resetForReuseNeedsAReturnedPageAndThenOwnsTheFreshLeases() {
        int id = borrow(4096, true);
        Lease slot = model.allocate(8192, grants).get();
        Lease dewey = model.allocate(4096, grants).get();
        assertEquals(ErrorKind.ILLEGAL_STATE, model.resetForReuse(id, 5, 6, slot, dewey).error());
        assertEquals(Owner.RAW, slot.owner());
        model.setSlot(id, 4, bytes(4, 4), grants);
        model.returnSegments(id);
        assertTrue(model.resetForReuse(id, 5, 6, slot, dewey).isOk());
        PageModel page = model.page(id);
        assertEquals(PageState.LIVE, model.stateOf(id));
        assertSame(slot, page.slotLease());
        assertEquals(Owner.page(id, Owner.Role.DEWEY), dewey.owner());
        assertNull(model.getSlot(id, 4).get(), "reuse starts empty");
        assertEquals(5, page.recordPageKey());
        assertEquals(2, model.allocator().leasedSegments());
    }

    @Test
    void aGuardFromBeforeAResetDoesNotCountAgainstTheReusedPage() {
        int id = borrow(4096, false);
        GuardModel old = model.guard(id).get();
        model.returnSegments(id);
        Lease fresh = model.allocate(4096, grants).get();
        model.resetForReuse(id, 2, 2, fresh, fresh);
        GuardModel current = model.guard(id).get();
        model.closeGuard(old.id());
        assertEquals(1, model.page(id).openGuards());
        model.closeGuard(current.id());
        assertEquals(PageState.LIVE, model.stateOf(id));
    }

    @Test
    void clearEmptiesEverySlotButKeepsTheSegments() {
        int id = borrow(4096, true);
        model.setSlot(id, 1, bytes(9, 9), grants);
        model.setDeweyId(id, 1, bytes(9, 9), grants);
        model.clear(id);
        assertNull(model.getSlot(id, 1).get());
        assertNull(model.getDeweyId(id, 1).get());
        assertEquals(2, model.allocator().leasedSegments());
    }

    @Test
    void clearAllPagePoolsReturnsNoBorrowedPage() {
        borrow(4096, false);
        model.clearAllPagePools();
        assertEquals(1, model.allocator().leasedSegments());
        assertEquals(PageState.LIVE, model.stateOf(0));
    }
}
