package io.segcheck.impl.page;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SlotDirectoryTest {

    @Test
    void entryBytesAreLengthPrefixPlusPayloadPaddedToFour() {
        assertEquals(4, KeyValueLeafPageLayout.entryBytes(0));
        assertEquals(8, KeyValueLeafPageLayout.entryBytes(1));
        assertEquals(8, KeyValueLeafPageLayout.entryBytes(4));
        assertEquals(12, KeyValueLeafPageLayout.entryBytes(5));
        assertEquals(262144, KeyValueLeafPageLayout.entryBytes(KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES));
    }

    @Test
    void entriesArePackedInSlotOrderFromOffsetZeroWithLittleEndianLength() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4096);
            SlotDirectory directory = new SlotDirectory();
            directory.write(segment, 5, new byte[] {9, 9, 9});
            directory.write(segment, 2, new byte[] {1});
            assertEquals(16, directory.usedBytes());
            assertEquals(0, directory.offsetOf(2));
            assertEquals(8, directory.offsetOf(5));
            assertEquals(1, segment.get(ValueLayout.JAVA_BYTE, 0), "low byte of length 1 first");
            assertEquals(1, segment.get(ValueLayout.JAVA_BYTE, 4));
            assertEquals(3, segment.get(ValueLayout.JAVA_BYTE, 8));
            assertArrayEquals(new byte[] {9, 9, 9}, directory.read(segment, 5));
        }
    }

    @Test
    void growingAnEntryMovesLaterEntriesAndShrinkingMovesThemBack() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4096);
            SlotDirectory directory = new SlotDirectory();
            directory.write(segment, 0, new byte[] {1});
            directory.write(segment, 1, new byte[] {2, 2});
            directory.write(segment, 0, new byte[] {3, 3, 3, 3, 3, 3, 3, 3, 3});
            assertArrayEquals(new byte[] {2, 2}, directory.read(segment, 1));
            assertEquals(16, directory.offsetOf(1));
            directory.write(segment, 0, new byte[0]);
            assertArrayEquals(new byte[] {2, 2}, directory.read(segment, 1));
            assertArrayEquals(new byte[0], directory.read(segment, 0));
            assertEquals(12, directory.usedBytes());
        }
    }

    @Test
    void resetEmptiesEverySlotWithoutTouchingTheSegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4096);
            SlotDirectory directory = new SlotDirectory();
            directory.write(segment, 7, new byte[] {7, 7});
            byte[] before = segment.toArray(ValueLayout.JAVA_BYTE);
            directory.reset();
            assertNull(directory.read(segment, 7));
            assertEquals(0, directory.usedBytes());
            assertArrayEquals(before, segment.toArray(ValueLayout.JAVA_BYTE));
        }
    }
}
