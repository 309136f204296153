package io.segcheck.api;

/** A release that the allocator refused because the caller does not own what it released. */
public final class SegmentOwnershipException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a release was refused. */
    public enum Kind {
        /** The segment was already released and its slice is not leased. */
        DOUBLE_RELEASE,
        /** The segment was never leased by this allocator (another allocator, a slice, a wrong size). */
        FOREIGN,
        /** An old instance of a slice that has since been leased again (the ABA case). */
        STALE
    }

    private final Kind kind;
    private final long address;

    public SegmentOwnershipException(Kind kind, long address, String message) {
        super(kind + ": " + message);
        this.kind = kind;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    /** Native address of the rejected segment. */
    public long address() {
        return address;
    }
}
