package io.segcheck.impl.page;

import io.segcheck.impl.alloc.SizeClass;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Byte layout of the entries a {@link KeyValueLeafPage} keeps in a segment. The record slots and
 * the DeweyID slots each use this layout in their own segment (or, for records only, in the one
 * shared segment when DeweyIDs are not stored).
 *
 * <pre>
 *  offset 0                                                                    usedBytes   byteSize
 *  +-----------+----------------+-----+-----------+----------------+-----+ ... +-----------+
 *  | int len_a | payload_a      | pad | int len_b | payload_b      | pad |     | (unused)  |
 *  +-----------+----------------+-----+-----------+----------------+-----+ ... +-----------+
 *   entry of the lowest non-empty slot, then the next non-empty slot, and so on
 * </pre>
 *
 * <ul>
 *   <li>An entry is {@code [int length][payload]} padded with zero bytes to a multiple of
 *       {@value #ENTRY_ALIGNMENT_BYTES}; the length is little-endian.</li>
 *   <li>Entries are packed in slot order from offset 0; an empty slot takes no bytes.</li>
 *   <li>The directory (which slot is where, how many bytes are used) is on-heap bookkeeping in
 *       {@link SlotDirectory}, never stored in the segment, so {@code clear()} can reset a page
 *       without writing segment memory.</li>
 * </ul>
 */
public final class KeyValueLeafPageLayout {

    /** Record slots per page, and separately DeweyID slots per page. */
    public static final int SLOT_COUNT = 1024;
    /** Bytes of the length prefix of an entry. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** Entries start on multiples of this many bytes. */
    public static final int ENTRY_ALIGNMENT_BYTES = 4;
    /** The largest segment a page can own, so the most bytes its entries can use. */
    public static final int MAX_SEGMENT_BYTES = SizeClass.MAX_BYTES;
    /** The longest payload whose entry fits a maximal segment on its own. */
    public static final int MAX_PAYLOAD_BYTES = MAX_SEGMENT_BYTES - LENGTH_PREFIX_BYTES;

    /** Unaligned so the layout never depends on how a segment's base address is aligned. */
    static final ValueLayout.OfInt LENGTH_LAYOUT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private KeyValueLeafPageLayout() {
    }

    /** Bytes an entry with {@code payloadBytes} of payload takes, prefix and padding included. */
    public static long entryBytes(long payloadBytes) {
        long unpadded = LENGTH_PREFIX_BYTES + payloadBytes;
        return (unpadded + ENTRY_ALIGNMENT_BYTES - 1) & -ENTRY_ALIGNMENT_BYTES;
    }

    /**
     * Writes one entry at {@code offset}: length, payload, zero padding. The padding is the tail of
     * the entry's last aligned word, so that word is zeroed first and the payload then overwrites
     * its head: one store, where a slice and a fill per entry cost an object and a call.
     */
    static void writeEntry(MemorySegment segment, long offset, byte[] payload) {
        if (payload.length % ENTRY_ALIGNMENT_BYTES != 0) {
            segment.set(LENGTH_LAYOUT, offset + entryBytes(payload.length) - ENTRY_ALIGNMENT_BYTES, 0);
        }
        segment.set(LENGTH_LAYOUT, offset, payload.length);
        MemorySegment.copy(payload, 0, segment, ValueLayout.JAVA_BYTE, offset + LENGTH_PREFIX_BYTES, payload.length);
    }

    /** Reads the payload of the entry at {@code offset} into a new array. */
    static byte[] readPayload(MemorySegment segment, long offset) {
        int length = segment.get(LENGTH_LAYOUT, offset);
        byte[] payload = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset + LENGTH_PREFIX_BYTES, payload, 0, length);
        return payload;
    }
}
