package io.segcheck.impl.alloc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fills slices with zeros or with the guard-mode poison, and checks the poison.
 *
 * <p>An 8-byte store loop, not {@link MemorySegment#fill}: on JDK 25 (x86-64 with AVX-512) C2
 * compiles this loop to 64-byte vector stores, sixteen per iteration, with the segment's bounds
 * and scope checked once before it, while {@code fill} calls a runtime stub that stores 8 bytes
 * at a time. Int, long and byte-offset counters and the aligned layout all compile to the same
 * vector loop, and so does a loop unrolled by hand. The int counter keeps it a counted
 * loop; slices are at most 256 KiB and always a multiple of 8 bytes.
 */
final class Zeroing {

    /** Poison written into released slices in guard mode. */
    static final long POISON = 0xDEADBEEF_DEADBEEFL;

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private Zeroing() {
    }

    static void zero(MemorySegment segment) {
        fillWords(segment, 0L);
    }

    static void poison(MemorySegment segment) {
        fillWords(segment, POISON);
    }

    /** Offset of the first word that is not poison, or -1 when the whole slice is intact. */
    static long firstPoisonMismatch(MemorySegment segment) {
        int words = Math.toIntExact(segment.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            if (segment.getAtIndex(WORD, word) != POISON) {
                return (long) word << 3;
            }
        }
        return -1;
    }

    private static void fillWords(MemorySegment segment, long value) {
        int words = Math.toIntExact(segment.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            segment.setAtIndex(WORD, word, value);
        }
    }
}
