package io.segcheck.impl.page;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An entry written over old bytes: length, payload, then zero padding up to the alignment, nothing past it. */
class EntryPaddingTest {

    @Test
    void paddingIsZeroedOverOldBytesAndTheNextEntryIsUntouched() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(64);
            segment.fill((byte) 0x7F);
            byte[] payload = {1, 2, 3, 4, 5};
            KeyValueLeafPageLayout.writeEntry(segment, 8, payload);
            long end = 8 + KeyValueLeafPageLayout.entryBytes(payload.length);
            assertEquals(20, end, "4 length bytes, 5 payload bytes, 3 padding bytes");
            for (long offset = 8 + 4 + payload.length; offset < end; offset++) {
                assertEquals(0, segment.get(ValueLayout.JAVA_BYTE, offset), "padding byte at " + offset);
            }
            assertEquals((byte) 0x7F, segment.get(ValueLayout.JAVA_BYTE, end), "the byte after the entry");
            assertEquals((byte) 0x7F, segment.get(ValueLayout.JAVA_BYTE, 7), "the byte before the entry");
            assertArrayEquals(payload, KeyValueLeafPageLayout.readPayload(segment, 8));
        }
    }
}
