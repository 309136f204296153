package io.segcheck.model;

/**
 * The model's own copy of the seven segment size classes (4 KiB .. 256 KiB, powers of two).
 *
 * <p>Deliberately not shared with {@code impl}: the model must predict which class a request lands
 * in from the specification, so a wrong rounding in the real allocator shows up as a disagreement.
 */
public final class SizeClasses {

    /** Number of classes. */
    public static final int COUNT = 7;
    /** Smallest class in bytes. */
    public static final int MIN_BYTES = 4096;
    /** Largest class in bytes; also the most a page may hold in one segment. */
    public static final int MAX_BYTES = 262_144;

    private SizeClasses() {
    }

    /** Whether {@code bytes} is a request the allocator accepts (1..262144). */
    public static boolean isValidRequest(long bytes) {
        return bytes > 0 && bytes <= MAX_BYTES;
    }

    /** Size in bytes of class {@code index}. */
    public static int classBytes(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IndexOutOfBoundsException("index=" + index + " count=" + COUNT);
        }
        return MIN_BYTES << index;
    }

    /** The smallest class that holds {@code bytes}; only for valid requests. */
    public static int classBytesFor(long bytes) {
        if (!isValidRequest(bytes)) {
            throw new IllegalArgumentException("bytes=" + bytes + " minBytes=1 maxBytes=" + MAX_BYTES);
        }
        int size = MIN_BYTES;
        while (size < bytes) {
            size <<= 1;
        }
        return size;
    }

    /** Index of the class of exactly {@code classBytes}. */
    public static int indexOf(int classBytes) {
        for (int index = 0; index < COUNT; index++) {
            if (classBytes(index) == classBytes) {
                return index;
            }
        }
        throw new IllegalArgumentException("classBytes=" + classBytes + " is not a size class");
    }
}
