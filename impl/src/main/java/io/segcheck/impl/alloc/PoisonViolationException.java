package io.segcheck.impl.alloc;

/**
 * Guard mode found a quarantined slice whose poison was overwritten: someone wrote to the slice
 * after its lease ended. Thrown when the slice leaves quarantine; the slice is retired (never
 * leased again) so the corruption cannot reach a new owner.
 */
public final class PoisonViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long sliceAddress;
    private final long offsetBytes;
    private final String lastOwner;

    public PoisonViolationException(long sliceAddress, int sliceBytes, long offsetBytes, String lastOwner) {
        super("write after release: sliceAddress=0x" + Long.toHexString(sliceAddress) + " sliceBytes="
                + sliceBytes + " offsetBytes=" + offsetBytes + " lastOwner=" + lastOwner);
        this.sliceAddress = sliceAddress;
        this.offsetBytes = offsetBytes;
        this.lastOwner = lastOwner;
    }

    /** Native address of the corrupted slice. */
    public long sliceAddress() {
        return sliceAddress;
    }

    /** Offset of the first overwritten 8-byte word within the slice. */
    public long offsetBytes() {
        return offsetBytes;
    }

    /** The lease that ended last before the write: lease number and thread name. */
    public String lastOwner() {
        return lastOwner;
    }
}
