package io.segcheck.impl.alloc;

import java.util.List;

/** The seven segment size classes: 4, 8, 16, 32, 64, 128 and 256 KiB. */
public final class SizeClass {

    /** Smallest class, in bytes. */
    public static final int MIN_BYTES = 4 * 1024;
    /** Largest class, in bytes; the largest segment a page can own. */
    public static final int MAX_BYTES = 256 * 1024;
    /** Number of classes. */
    public static final int COUNT = 7;

    private static final List<Integer> SIZES_BYTES =
            List.of(4096, 8192, 16384, 32768, 65536, 131072, 262144);

    private SizeClass() {
    }

    /** Class sizes in bytes, smallest first. */
    public static List<Integer> sizesBytes() {
        return SIZES_BYTES;
    }

    /** Size in bytes of class {@code index}. */
    public static int sizeBytes(int index) {
        return MIN_BYTES << index;
    }

    /**
     * Index of the smallest class that holds {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code bytes} is not in 1..262144
     */
    public static int indexFor(long bytes) {
        checkRequest(bytes);
        if (bytes <= MIN_BYTES) {
            return 0;
        }
        // Ceiling power of two, expressed as a shift above 4 KiB.
        return 64 - Long.numberOfLeadingZeros(bytes - 1) - 12;
    }

    /** Index of the class whose size is exactly {@code sizeBytes}, or -1 when none is. */
    public static int indexOfExactSize(long sizeBytes) {
        if (sizeBytes < MIN_BYTES || sizeBytes > MAX_BYTES || Long.bitCount(sizeBytes) != 1) {
            return -1;
        }
        return Long.numberOfTrailingZeros(sizeBytes) - 12;
    }

    /** Rejects a request size outside 1..262144 with a message naming the value and the limits. */
    public static void checkRequest(long bytes) {
        if (bytes <= 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "bytes=" + bytes + " is outside the size classes: minBytes=1 maxBytes=" + MAX_BYTES);
        }
    }
}
