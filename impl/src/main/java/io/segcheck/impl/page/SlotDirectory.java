package io.segcheck.impl.page;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * On-heap bookkeeping of one entry area (records or DeweyIDs) laid out as
 * {@link KeyValueLeafPageLayout} says: the padded size of each slot's entry and the bytes used.
 * Not thread-safe: the page calls it under its lock.
 */
final class SlotDirectory {

    /** Padded entry bytes per slot; 0 means empty (a real entry takes at least 4 bytes). */
    private final int[] entryBytes = new int[KeyValueLeafPageLayout.SLOT_COUNT];
    private long usedBytes;

    long usedBytes() {
        return usedBytes;
    }

    boolean isEmpty(int slot) {
        return entryBytes[slot] == 0;
    }

    /** Bytes in use after {@code slot} holds an entry of {@code payloadBytes}. */
    long usedBytesAfterWrite(int slot, int payloadBytes) {
        return usedBytes - entryBytes[slot] + KeyValueLeafPageLayout.entryBytes(payloadBytes);
    }

    /** Offset of {@code slot}'s entry: the sum of the entries before it (packed in slot order). */
    long offsetOf(int slot) {
        long offset = 0;
        for (int before = 0; before < slot; before++) {
            offset += entryBytes[before];
        }
        return offset;
    }

    /** The payload of {@code slot}, or null when it is empty. */
    byte[] read(MemorySegment segment, int slot) {
        if (isEmpty(slot)) {
            return null;
        }
        return KeyValueLeafPageLayout.readPayload(segment, offsetOf(slot));
    }

    /**
     * Writes {@code payload} into {@code slot}, in place when its padded size is unchanged,
     * otherwise moving the later entries. The caller has checked that the result fits.
     */
    void write(MemorySegment segment, int slot, byte[] payload) {
        long newEntryBytes = KeyValueLeafPageLayout.entryBytes(payload.length);
        long newUsedBytes = usedBytesAfterWrite(slot, payload.length);
        assert newUsedBytes <= segment.byteSize() : "usedBytes=" + newUsedBytes + " byteSize=" + segment.byteSize();
        long offset = offsetOf(slot);
        long oldEnd = offset + entryBytes[slot];
        long tailBytes = usedBytes - oldEnd;
        if (newEntryBytes != entryBytes[slot] && tailBytes > 0) {
            // MemorySegment.copy is overlap-safe, so the tail can slide either way.
            MemorySegment.copy(segment, oldEnd, segment, offset + newEntryBytes, tailBytes);
        }
        KeyValueLeafPageLayout.writeEntry(segment, offset, payload);
        entryBytes[slot] = (int) newEntryBytes;
        usedBytes = newUsedBytes;
    }

    /** Every slot empty; touches no segment memory. */
    void reset() {
        Arrays.fill(entryBytes, 0);
        usedBytes = 0;
    }
}
