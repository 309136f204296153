package io.segcheck.impl.page;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * On-heap bookkeeping of one entry area (records or DeweyIDs) laid out as
 * {@link KeyValueLeafPageLayout} says: where each slot's entry starts and the bytes used.
 * Not thread-safe: the page calls it under its lock.
 *
 * <p>Entries are packed in slot order, so an entry ends where the next slot's begins. The
 * directory keeps the start offset of every slot below {@link #end} (one past the highest slot that
 * was written since the last reset), with {@code offsets[end]} the bytes used: an entry's size is
 * the difference of two neighbouring offsets, an empty slot has size 0 (a real entry takes at
 * least 4 bytes) and starts where its entry would be inserted, and every slot from {@code end} on
 * is empty and would start at the bytes used. Finding an entry is O(1); a write that changes an
 * entry's size moves the later entries and shifts their offsets, work in proportion to what
 * follows it. (Summing the sizes of the earlier entries on every access made a page's fill and
 * read of n entries O(n^2).)
 */
final class SlotDirectory {

    /** Before the first write: an area that was never written (a page's DeweyIDs when not stored) allocates nothing. */
    private static final int[] NEVER_WRITTEN = {0};

    /**
     * Start of each slot's entry for slots {@code 0..end-1}; {@code offsets[end]} is the bytes used.
     * {@link #NEVER_WRITTEN} until the first write, then one array for the directory's whole life.
     */
    private int[] offsets = NEVER_WRITTEN;
    /** Every slot from here on is empty; only slots below it were written since the last reset. */
    private int end;

    long usedBytes() {
        return offsets[end];
    }

    boolean isEmpty(int slot) {
        return entryBytesOf(slot) == 0;
    }

    /** Bytes in use after {@code slot} holds an entry of {@code payloadBytes}. */
    long usedBytesAfterWrite(int slot, int payloadBytes) {
        return usedBytes() - entryBytesOf(slot) + KeyValueLeafPageLayout.entryBytes(payloadBytes);
    }

    /** Offset of {@code slot}'s entry: the sum of the entries before it (packed in slot order). */
    long offsetOf(int slot) {
        return slot < end ? offsets[slot] : offsets[end];
    }

    /** Padded bytes of {@code slot}'s entry, 0 when it is empty. */
    private int entryBytesOf(int slot) {
        return slot < end ? offsets[slot + 1] - offsets[slot] : 0;
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
     * otherwise moving the later entries. The caller has checked that the result fits. The
     * bookkeeping changes only after the segment was written, so a write that throws (a closed
     * segment) leaves the directory as it was.
     */
    void write(MemorySegment segment, int slot, byte[] payload) {
        int oldEntryBytes = entryBytesOf(slot);
        int newEntryBytes = (int) KeyValueLeafPageLayout.entryBytes(payload.length);
        long usedBytes = usedBytes();
        assert usedBytes - oldEntryBytes + newEntryBytes <= segment.byteSize()
                : "usedBytes=" + (usedBytes - oldEntryBytes + newEntryBytes) + " byteSize=" + segment.byteSize();
        long offset = offsetOf(slot);
        long oldEnd = offset + oldEntryBytes;
        long tailBytes = usedBytes - oldEnd;
        int delta = newEntryBytes - oldEntryBytes;
        if (delta != 0 && tailBytes > 0) {
            // MemorySegment.copy is overlap-safe, so the tail can slide either way.
            MemorySegment.copy(segment, oldEnd, segment, oldEnd + delta, tailBytes);
        }
        KeyValueLeafPageLayout.writeEntry(segment, offset, payload);
        if (offsets == NEVER_WRITTEN) {
            offsets = new int[KeyValueLeafPageLayout.SLOT_COUNT + 1];
        }
        if (slot >= end) {
            // The slots from end to slot were empty and start at the bytes used; slot's entry ends the area.
            Arrays.fill(offsets, end + 1, slot + 2, (int) usedBytes);
            end = slot + 1;
        }
        if (delta != 0) {
            for (int later = slot + 1; later <= end; later++) {
                offsets[later] += delta;
            }
        }
    }

    /** Every slot empty; touches no segment memory. */
    void reset() {
        end = 0;
        if (offsets != NEVER_WRITTEN) {
            offsets[0] = 0;
        }
    }
}
