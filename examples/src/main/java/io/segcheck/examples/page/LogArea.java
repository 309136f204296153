package io.segcheck.examples.page;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * One area of an {@link AppendLogPage} (records or DeweyIDs): entries are appended, never updated in
 * place, so an overwritten slot leaves a dead entry behind until the next resize packs the live ones.
 *
 * <pre>
 *  growing up (records, or DeweyIDs in a segment of their own):
 *  0                                                      usedBytes
 *  +-------------+--------+---------+-------------+--------+---------+ ... free ...
 *  | short slot  | int len| payload | short slot  | int len| payload |
 *  +-------------+--------+---------+-------------+--------+---------+
 *  growing down (DeweyIDs sharing the records' segment): the same entries, packed against the end
 * </pre>
 *
 * <p>The index (which slot is at which offset) is on the heap; the headers in memory let a dump
 * of the segment be read on its own. Not thread-safe: the page locks around it.
 */
final class LogArea {

    static final int HEADER_BYTES = Short.BYTES + Integer.BYTES;

    private static final ValueLayout.OfShort SLOT_LAYOUT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt LENGTH_LAYOUT = ValueLayout.JAVA_INT_UNALIGNED;

    private final boolean growsDown;
    private final long[] offsets;
    private final int[] lengths;
    private long usedBytes;
    private long liveBytes;

    LogArea(int slotCount, boolean growsDown) {
        this.growsDown = growsDown;
        this.offsets = new long[slotCount];
        this.lengths = new int[slotCount];
        reset();
    }

    static long entryBytes(int payloadBytes) {
        return HEADER_BYTES + (long) payloadBytes;
    }

    long usedBytes() {
        return usedBytes;
    }

    long liveBytes() {
        return liveBytes;
    }

    /** Appends {@code data} as slot {@code slot}'s entry; the caller checked that it fits. */
    void append(MemorySegment memory, int slot, byte[] data) {
        long offset = growsDown ? memory.byteSize() - usedBytes - entryBytes(data.length) : usedBytes;
        memory.set(SLOT_LAYOUT, offset, (short) slot);
        memory.set(LENGTH_LAYOUT, offset + Short.BYTES, data.length);
        MemorySegment.copy(data, 0, memory, ValueLayout.JAVA_BYTE, offset + HEADER_BYTES, data.length);
        if (offsets[slot] >= 0) {
            liveBytes -= entryBytes(lengths[slot]);
        }
        offsets[slot] = offset;
        lengths[slot] = data.length;
        usedBytes += entryBytes(data.length);
        liveBytes += entryBytes(data.length);
    }

    /** A copy of slot {@code slot}'s payload, or null. */
    byte[] read(MemorySegment memory, int slot) {
        if (offsets[slot] < 0) {
            return null;
        }
        byte[] data = new byte[lengths[slot]];
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, offsets[slot] + HEADER_BYTES, data, 0, data.length);
        return data;
    }

    /** Rewrites the live entries from {@code from} into {@code to}, dropping the dead ones. */
    void repack(MemorySegment from, MemorySegment to) {
        byte[][] live = new byte[offsets.length][];
        for (int slot = 0; slot < offsets.length; slot++) {
            live[slot] = read(from, slot);
        }
        reset();
        for (int slot = 0; slot < live.length; slot++) {
            if (live[slot] != null) {
                append(to, slot, live[slot]);
            }
        }
    }

    /** Every slot empty; the memory is not touched. */
    void reset() {
        Arrays.fill(offsets, -1);
        Arrays.fill(lengths, 0);
        usedBytes = 0;
        liveBytes = 0;
    }
}
