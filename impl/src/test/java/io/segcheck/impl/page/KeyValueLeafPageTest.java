package io.segcheck.impl.page;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyValueLeafPageTest {

    private final OffHeapAllocator allocator = TestAllocators.guarded();
    private final KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        for (int index = 0; index < length; index++) {
            data[index] = (byte) (seed * 31 + index);
        }
        return data;
    }

    /** Every slot and DeweyID of the page plus the allocator's counters, for "state unchanged" checks. */
    private record Snapshot(AllocatorStats stats, String slots, String deweyIds, long ownedBytes, PageStatus state) {
        static Snapshot of(OffHeapAllocator allocator, KeyValueLeafPage page) {
            boolean live = !page.isReturned();
            return new Snapshot(allocator.stats(), live ? contents(page, false) : "-",
                    live && page.isDeweyIdsStored() ? contents(page, true) : "-", page.ownedBytes(), page.state());
        }

        private static String contents(KeyValueLeafPage page, boolean deweyIds) {
            StringBuilder all = new StringBuilder();
            for (int slot = 0; slot < KeyValueLeafPageLayout.SLOT_COUNT; slot++) {
                all.append(Arrays.toString(deweyIds ? page.getDeweyId(slot) : page.getSlot(slot))).append(';');
            }
            return all.toString();
        }
    }

    private <T extends Throwable> T assertRejectedUnchanged(Class<T> type, KeyValueLeafPage page, Executable call) {
        Snapshot before = Snapshot.of(allocator, page);
        T thrown = assertThrows(type, call);
        assertEquals(before, Snapshot.of(allocator, page), "state changed by a rejected call");
        return thrown;
    }

    @Test
    void pageMemoryHandedOutCannotBeReleasedOrWrittenByACaller() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(16, 1));
        AllocatorStats before = allocator.stats();
        for (MemorySegment memory : new MemorySegment[] {page.slotMemory(), page.deweyIdMemory()}) {
            SegmentOwnershipException rejected = assertThrows(SegmentOwnershipException.class,
                    () -> allocator.release(memory));
            assertEquals(SegmentOwnershipException.Kind.STALE, rejected.kind());
            assertThrows(IllegalArgumentException.class, () -> memory.set(ValueLayout.JAVA_BYTE, 0, (byte) 1),
                    "the view is read-only");
        }
        assertEquals(before, allocator.stats());
        assertArrayEquals(bytes(16, 1), page.getSlot(0));
        assertFalse(page.isReturned());
    }

    @Test
    void resetWithAnotherPagesMemoryIsRejectedAndChangesNothing() {
        KeyValueLeafPage owner = pool.borrowPage(1, 0, 4096, false);
        KeyValueLeafPage returned = pool.borrowPage(2, 0, 4096, false);
        returned.returnSegmentsToAllocator();
        AllocatorStats before = allocator.stats();
        assertThrows(IllegalArgumentException.class,
                () -> returned.resetForReuse(3, 1, owner.slotMemory(), owner.slotMemory()));
        assertTrue(returned.isReturned());
        assertEquals(before, allocator.stats());
        owner.setSlot(0, bytes(8, 2));
        assertArrayEquals(bytes(8, 2), owner.getSlot(0));
    }

    @Test
    void slotReadsBackWhatWasWrittenAndEmptySlotIsNull() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(3, bytes(10, 3));
        assertArrayEquals(bytes(10, 3), page.getSlot(3));
        assertNull(page.getSlot(4));
    }

    @Test
    void zeroLengthDataReadsBackAsEmptyArray() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, new byte[0]);
        assertArrayEquals(new byte[0], page.getSlot(0));
    }

    @Test
    void getSlotReturnsACopy() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(4, 1));
        page.getSlot(0)[0] = 99;
        assertArrayEquals(bytes(4, 1), page.getSlot(0));
    }

    @Test
    void overwriteWithSamePaddedSizeStaysInPlace() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(5, 1));
        page.setSlot(1, bytes(6, 2));
        long used = page.usedSlotBytes();
        page.setSlot(0, bytes(8, 9));
        assertEquals(used, page.usedSlotBytes());
        assertArrayEquals(bytes(8, 9), page.getSlot(0));
        assertArrayEquals(bytes(6, 2), page.getSlot(1));
    }

    @Test
    void largerValueMovesLaterEntriesAndKeepsThem() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        for (int slot = 0; slot < 10; slot++) {
            page.setSlot(slot, bytes(slot, slot));
        }
        page.setSlot(2, bytes(300, 77));
        for (int slot = 0; slot < 10; slot++) {
            assertArrayEquals(slot == 2 ? bytes(300, 77) : bytes(slot, slot), page.getSlot(slot), "slot=" + slot);
        }
    }

    @Test
    void withoutDeweyIdsOneSegmentIsSharedAndDeweyIdAccessThrows() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        assertTrue(page.sharesMemory());
        IllegalStateException thrown = assertRejectedUnchanged(IllegalStateException.class, page,
                () -> page.setDeweyId(0, bytes(1, 1)));
        assertTrue(thrown.getMessage().contains("DeweyIDs are not stored"), thrown.getMessage());
        assertThrows(IllegalStateException.class, () -> page.getDeweyId(0));
    }

    @Test
    void withDeweyIdsASeparateFourKibSegmentHoldsThem() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 8192, true);
        assertFalse(page.sharesMemory());
        assertEquals(8192, page.slotMemory().byteSize());
        assertEquals(4096, page.deweyIdMemory().byteSize());
        page.setSlot(0, bytes(20, 1));
        page.setDeweyId(0, bytes(7, 2));
        assertArrayEquals(bytes(20, 1), page.getSlot(0));
        assertArrayEquals(bytes(7, 2), page.getDeweyId(0));
        assertEquals(2, allocator.stats().leasedSegments());
    }

    @Test
    void borrowRoundsSlotBytesUpToASizeClass() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 5000, false);
        assertEquals(8192, page.slotMemory().byteSize());
        assertEquals(8192, page.ownedBytes());
    }

    @Test
    void borrowWithBadSlotBytesIsRejectedByTheAllocator() {
        AllocatorStats before = allocator.stats();
        assertThrows(IllegalArgumentException.class, () -> pool.borrowPage(1, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> pool.borrowPage(1, 0, 262145, false));
        assertEquals(before, allocator.stats());
        assertEquals(0, pool.pagesBorrowed());
    }

    @Test
    void resizeOfSharedSegmentMovesBothFieldsToTheNewSegmentAndReleasesTheOldOnce() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        MemorySegment old = page.slotMemory();
        page.setSlot(0, bytes(3000, 1));
        page.setSlot(1, bytes(3000, 2));
        assertEquals(8192, page.slotMemory().byteSize());
        assertTrue(page.sharesMemory());
        assertEquals(1, allocator.stats().leasedSegments());
        assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0), "old view closed in guard mode");
        assertArrayEquals(bytes(3000, 1), page.getSlot(0));
        assertArrayEquals(bytes(3000, 2), page.getSlot(1));
        page.returnSegmentsToAllocator();
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void resizeOfSeparateSegmentsOnlyReplacesTheResizedOne() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        MemorySegment slotsBefore = page.slotMemory();
        page.setDeweyId(0, bytes(5000, 4));
        assertEquals(slotsBefore.address(), page.slotMemory().address());
        assertEquals(8192, page.deweyIdMemory().byteSize());
        assertArrayEquals(bytes(5000, 4), page.getDeweyId(0));
        assertEquals(2, allocator.stats().leasedSegments());
        page.returnSegmentsToAllocator();
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void resizeRequestsDoubleOrWhatTheWriteNeeds() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(4000, 1));
        page.setSlot(1, bytes(100, 1));
        assertEquals(8192, page.slotMemory().byteSize(), "double of 4096");
        page.setSlot(2, bytes(40000, 1));
        assertEquals(65536, page.slotMemory().byteSize(), "usedBytes + needed rounded to a class");
    }

    @Test
    void pageGrowsPastTwoHundredFiftySixKibOnlyWithPageFullAndStaysUnchanged() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        for (int slot = 0; slot < 63; slot++) {
            page.setSlot(slot, bytes(4092, slot));
        }
        assertEquals(262144, page.slotMemory().byteSize());
        assertEquals(63 * 4096, page.usedSlotBytes());
        page.setSlot(63, bytes(4092, 63));
        assertEquals(262144, page.usedSlotBytes());
        PageFullException full = assertRejectedUnchanged(PageFullException.class, page, () -> page.setSlot(64, new byte[0]));
        assertTrue(full.getMessage().contains("bytesNeeded=262148"), full.getMessage());
        assertFalse(IllegalStateException.class.isInstance(full),
                "a full page is not a returned page: callers catching IllegalStateException must not see it");
        assertArrayEquals(bytes(4092, 5), page.getSlot(5));
    }

    @Test
    void whenBothReleasesFailTheFirstFailureIsThrownWithTheSecondSuppressed() {
        OffHeapAllocator failing = new OffHeapAllocator() {
            @Override
            public MemorySegment allocate(long bytes) {
                return allocator.allocate(bytes);
            }

            @Override
            public void release(MemorySegment segment) {
                throw new IllegalStateException("refused byteSize=" + segment.byteSize());
            }

            @Override
            public io.segcheck.api.AllocatorStats stats() {
                return allocator.stats();
            }

            @Override
            public void close() {
            }
        };
        KeyValueLeafPage page = new KeyValueLeafPagePool(failing).borrowPage(1, 0, 8192, true);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, page::returnSegmentsToAllocator);
        assertEquals("refused byteSize=8192", thrown.getMessage(), "the slot segment's failure comes first");
        assertEquals(1, thrown.getSuppressed().length);
        assertEquals("refused byteSize=4096", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void dataThatFitsNoSegmentIsAnIllegalArgumentWithPageUnchanged() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(8, 1));
        IllegalArgumentException thrown = assertRejectedUnchanged(IllegalArgumentException.class, page,
                () -> page.setSlot(1, new byte[KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES + 1]));
        assertTrue(thrown.getMessage().contains("dataBytes=262141"), thrown.getMessage());
    }

    @Test
    void largestSingleEntryFillsAMaximalSegmentExactly() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(1023, bytes(KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES, 1));
        assertEquals(262144, page.usedSlotBytes());
        assertArrayEquals(bytes(KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES, 1), page.getSlot(1023));
    }

    @Test
    void slotOutsideRangeIsRejectedNamingSlotAndCountWithPageUnchanged() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(8, 1));
        for (int slot : new int[] {-1, 1024, Integer.MIN_VALUE}) {
            IndexOutOfBoundsException thrown = assertRejectedUnchanged(IndexOutOfBoundsException.class, page,
                    () -> page.setSlot(slot, bytes(1, 1)));
            assertEquals("slot=" + slot + " slotCount=1024", thrown.getMessage());
            assertRejectedUnchanged(IndexOutOfBoundsException.class, page, () -> page.getSlot(slot));
            assertRejectedUnchanged(IndexOutOfBoundsException.class, page, () -> page.setDeweyId(slot, bytes(1, 1)));
            assertRejectedUnchanged(IndexOutOfBoundsException.class, page, () -> page.getDeweyId(slot));
        }
    }

    @Test
    void nullDataIsRejectedWithPageUnchanged() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(8, 1));
        assertRejectedUnchanged(NullPointerException.class, page, () -> page.setSlot(0, null));
        assertRejectedUnchanged(NullPointerException.class, page, () -> page.setDeweyId(0, null));
    }

    @Test
    void slotCheckComesBeforeNullCheck() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        assertThrows(IndexOutOfBoundsException.class, () -> page.setSlot(-1, null));
    }

    @Test
    void exhaustionDuringResizeLeavesPageIntactAndLeaksNothing() {
        try (OffHeapAllocator small = TestAllocators.guardedOneRegion()) {
            KeyValueLeafPagePool smallPool = new KeyValueLeafPagePool(small);
            KeyValueLeafPage page = smallPool.borrowPage(1, 0, 4096, false);
            page.setSlot(0, bytes(4000, 1));
            MemorySegment before = page.slotMemory();
            AllocatorStats statsBefore = small.stats();
            assertThrows(AllocatorExhaustedException.class, () -> page.setSlot(1, bytes(200, 2)));
            assertEquals(before.address(), page.slotMemory().address());
            assertTrue(page.sharesMemory());
            assertEquals(statsBefore.leasedSegments(), small.stats().leasedSegments());
            assertEquals(statsBefore.leasedBytes(), small.stats().leasedBytes());
            assertArrayEquals(bytes(4000, 1), page.getSlot(0));
            assertNull(page.getSlot(1));
            page.returnSegmentsToAllocator();
            assertEquals(0, small.stats().leasedSegments());
        }
    }

    @Test
    void exhaustionOnTheDeweyIdSegmentReleasesTheSlotSegmentFirst() {
        try (OffHeapAllocator small = TestAllocators.guardedOneRegion()) {
            KeyValueLeafPagePool smallPool = new KeyValueLeafPagePool(small);
            assertThrows(AllocatorExhaustedException.class, () -> smallPool.borrowPage(1, 0, 8192, true));
            assertEquals(0, small.stats().leasedSegments());
            assertEquals(0, smallPool.pagesBorrowed());
        }
    }

    @Test
    void returnReleasesBothSegmentsAndAccessAfterwardsThrows() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(8, 1));
        page.returnSegmentsToAllocator();
        assertTrue(page.isReturned());
        assertEquals(0, allocator.stats().leasedSegments());
        assertRejectedUnchanged(IllegalStateException.class, page, () -> page.getSlot(0));
        assertRejectedUnchanged(IllegalStateException.class, page, () -> page.setSlot(0, bytes(1, 1)));
        assertRejectedUnchanged(IllegalStateException.class, page, () -> page.getDeweyId(0));
        assertRejectedUnchanged(IllegalStateException.class, page, () -> page.setDeweyId(0, bytes(1, 1)));
        IllegalStateException thrown = assertRejectedUnchanged(IllegalStateException.class, page,
                () -> page.setSlot(-1, null));
        assertTrue(thrown.getMessage().contains("state=RETURNED"), thrown.getMessage());
    }

    @Test
    void repeatedReturnReleasesOnce() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.returnSegmentsToAllocator();
        AllocatorStats after = allocator.stats();
        page.returnSegmentsToAllocator();
        page.returnSegmentsToAllocator();
        assertEquals(after, allocator.stats());
    }

    @Test
    void returnedSegmentCannotBeReleasedAgainByAnyone() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        MemorySegment slotMemory = page.slotMemory();
        page.returnSegmentsToAllocator();
        SegmentOwnershipException thrown = assertThrows(SegmentOwnershipException.class, () -> allocator.release(slotMemory));
        assertEquals(SegmentOwnershipException.Kind.DOUBLE_RELEASE, thrown.kind());
    }

    @Test
    void clearEmptiesSlotsAndNeverWritesSegmentMemory() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(40, 1));
        byte[] memoryBefore = page.slotMemory().toArray(ValueLayout.JAVA_BYTE);
        page.clear();
        assertNull(page.getSlot(0));
        assertEquals(0, page.usedSlotBytes());
        assertArrayEquals(memoryBefore, page.slotMemory().toArray(ValueLayout.JAVA_BYTE));
        assertEquals(1, allocator.stats().leasedSegments());
    }

    @Test
    void clearOfAReturnedPageOnlyResetsBookkeeping() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.setSlot(0, bytes(40, 1));
        page.returnSegmentsToAllocator();
        AllocatorStats before = allocator.stats();
        page.clear();
        assertTrue(page.isReturned());
        assertEquals(before, allocator.stats());
    }

    @Test
    void resetForReuseOfALivePageIsRejectedWithNothingChanged() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(8, 1));
        MemorySegment spare = allocator.allocate(4096);
        IllegalStateException thrown = assertRejectedUnchanged(IllegalStateException.class, page,
                () -> page.resetForReuse(2, 1, spare, spare));
        assertTrue(thrown.getMessage().contains("state=LIVE"), thrown.getMessage());
        assertEquals(1, page.recordPageKey());
        allocator.release(spare);
    }

    @Test
    void resetForReuseAssignsTheGivenSegmentsAndMakesThePageLive() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.setSlot(0, bytes(8, 1));
        page.returnSegmentsToAllocator();
        MemorySegment slots = allocator.allocate(8192);
        MemorySegment deweyIds = allocator.allocate(4096);
        page.resetForReuse(7, 3, slots, deweyIds);
        assertEquals(PageStatus.LIVE, page.state());
        assertTrue(page.holdsSlotMemory(slots));
        assertTrue(page.holdsDeweyIdMemory(deweyIds));
        assertEquals(7, page.recordPageKey());
        assertEquals(3, page.revision());
        assertNull(page.getSlot(0));
        page.setDeweyId(1, bytes(3, 3));
        assertArrayEquals(bytes(3, 3), page.getDeweyId(1));
        page.returnSegmentsToAllocator();
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void resetForReuseWithOneSegmentMakesItShared() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, true);
        page.returnSegmentsToAllocator();
        MemorySegment shared = allocator.allocate(4096);
        page.resetForReuse(2, 0, shared, shared);
        assertFalse(page.isDeweyIdsStored());
        assertThrows(IllegalStateException.class, () -> page.getDeweyId(0));
        page.returnSegmentsToAllocator();
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void resetForReuseWithNullSegmentIsRejectedAndThePageStaysReturned() {
        KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
        page.returnSegmentsToAllocator();
        assertThrows(NullPointerException.class, () -> page.resetForReuse(2, 0, null, null));
        assertTrue(page.isReturned());
    }
}
