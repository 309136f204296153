package io.segcheck.impl.alloc;

import io.segcheck.model.ErrorKind;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.fault.ModeledFailure;

/**
 * Guard mode found a quarantined slice whose poison was overwritten (someone wrote to the slice
 * after its lease ended), or whose released view another thread still held acquired when the
 * slice left quarantine ({@link #VIEW_STILL_IN_USE} as the offset). Reported when the slice leaves
 * quarantine; the slice is retired (never leased again) so the corruption cannot reach a new owner.
 */
public final class PoisonViolationException extends RuntimeException implements ModeledFailure {

    private static final long serialVersionUID = 1L;

    /** {@link #offsetBytes()} of a slice whose released view was still in use when it left quarantine. */
    public static final long VIEW_STILL_IN_USE = -1;

    private final long sliceAddress;
    private final long offsetBytes;
    private final String lastOwner;

    public PoisonViolationException(long sliceAddress, int sliceBytes, long offsetBytes, String lastOwner) {
        this("write after release", sliceAddress, sliceBytes, " offsetBytes=" + offsetBytes, offsetBytes, lastOwner);
    }

    /** A released view that another thread still held acquired when its slice left quarantine. */
    static PoisonViolationException viewStillInUse(long sliceAddress, int sliceBytes, String lastOwner) {
        return new PoisonViolationException("view still in use after release", sliceAddress, sliceBytes, "",
                VIEW_STILL_IN_USE, lastOwner);
    }

    private PoisonViolationException(String what, long sliceAddress, int sliceBytes, String where, long offsetBytes,
                                     String lastOwner) {
        super(what + ": sliceAddress=0x" + Long.toHexString(sliceAddress) + " sliceBytes=" + sliceBytes + where
                + " lastOwner=" + lastOwner);
        this.sliceAddress = sliceAddress;
        this.offsetBytes = offsetBytes;
        this.lastOwner = lastOwner;
    }

    /** Native address of the corrupted slice. */
    public long sliceAddress() {
        return sliceAddress;
    }

    /** Offset of the first overwritten 8-byte word within the slice, or {@link #VIEW_STILL_IN_USE}. */
    public long offsetBytes() {
        return offsetBytes;
    }

    /** The lease that ended last before the write: lease number and thread name. */
    public String lastOwner() {
        return lastOwner;
    }

    /** Never legal: the quarantined slice was written after its release. */
    @Override
    public ErrorKind errorKind() {
        return null;
    }

    @Override
    public ViolationKind violationKind() {
        return ViolationKind.USE_AFTER_RELEASE;
    }
}
