package io.segcheck.api;

/** The byte budget is spent and no fully free region could be unmapped to make room. */
public final class AllocatorExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int classBytes;

    public AllocatorExhaustedException(int classBytes, long budgetBytes, long mappedBytes, long regionBytes) {
        super("allocator exhausted: classBytes=" + classBytes + " budgetBytes=" + budgetBytes
                + " mappedBytes=" + mappedBytes + " regionBytes=" + regionBytes);
        this.classBytes = classBytes;
    }

    /** Size class of the request that could not be served. */
    public int classBytes() {
        return classBytes;
    }
}
