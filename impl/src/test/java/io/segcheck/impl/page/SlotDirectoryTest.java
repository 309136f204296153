package io.segcheck.impl.page;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;

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

    @Test
    void paddingIsZeroEvenOverDirtyMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4096);
            segment.fill((byte) 0x7F);
            SlotDirectory directory = new SlotDirectory();
            for (int payloadBytes = 0; payloadBytes < 8; payloadBytes++) {
                byte[] payload = new byte[payloadBytes];
                Arrays.fill(payload, (byte) 0x11);
                directory.write(segment, payloadBytes, payload);
                long offset = directory.offsetOf(payloadBytes);
                long entryBytes = KeyValueLeafPageLayout.entryBytes(payloadBytes);
                for (long padding = offset + 4 + payloadBytes; padding < offset + entryBytes; padding++) {
                    assertEquals(0, segment.get(ValueLayout.JAVA_BYTE, padding), "payload " + payloadBytes + " at " + padding);
                }
                assertArrayEquals(payload, directory.read(segment, payloadBytes));
            }
            assertEquals(0x7F, segment.get(ValueLayout.JAVA_BYTE, directory.usedBytes()), "nothing written past the entries");
        }
    }

    @Test
    void offsetsFollowWritesInAnyOrderAndSizeChangesLikeSummingEverySizeBefore() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(262144);
            SlotDirectory directory = new SlotDirectory();
            int[] sizes = new int[KeyValueLeafPageLayout.SLOT_COUNT];
            byte[][] contents = new byte[KeyValueLeafPageLayout.SLOT_COUNT][];
            Random random = new Random(42);
            for (int step = 0; step < 5000; step++) {
                if (step % 1000 == 999) {
                    directory.reset();
                    Arrays.fill(sizes, 0);
                    Arrays.fill(contents, null);
                }
                int slot = random.nextInt(random.nextBoolean() ? 40 : KeyValueLeafPageLayout.SLOT_COUNT);
                byte[] payload = new byte[random.nextInt(24)];
                Arrays.fill(payload, (byte) slot);
                directory.write(segment, slot, payload);
                sizes[slot] = (int) KeyValueLeafPageLayout.entryBytes(payload.length);
                contents[slot] = payload;
                long sum = 0;
                for (int probe = 0; probe < sizes.length; probe++) {
                    assertEquals(sum, directory.offsetOf(probe), "offset of slot " + probe + " at step " + step);
                    assertEquals(sizes[probe] == 0, directory.isEmpty(probe));
                    sum += sizes[probe];
                }
                assertEquals(sum, directory.usedBytes());
                if (step % 50 == 0) {
                    for (int probe = 0; probe < contents.length; probe++) {
                        assertArrayEquals(contents[probe], directory.read(segment, probe), "slot " + probe);
                    }
                }
            }
        }
    }
}
