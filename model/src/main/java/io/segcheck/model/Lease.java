package io.segcheck.model;

/**
 * One lease: one instance handed out by {@code allocate}, from the grant to its release. The same
 * address leased again is a new lease, which is how the model tells a STALE release (the address
 * is leased again to someone else) from a DOUBLE_RELEASE (it is not).
 */
public final class Lease {

    private final int id;
    private final long address;
    private final int classBytes;
    private final int leasedAtStep;
    private Owner owner;
    private boolean released;
    private int releasedAtStep = -1;

    Lease(int id, long address, int classBytes, Owner owner, int leasedAtStep) {
        this.id = id;
        this.address = address;
        this.classBytes = classBytes;
        this.owner = owner;
        this.leasedAtStep = leasedAtStep;
    }

    public int id() {
        return id;
    }

    public long address() {
        return address;
    }

    public int classBytes() {
        return classBytes;
    }

    /** The current holder, or the last one after release. */
    public Owner owner() {
        return owner;
    }

    public boolean isReleased() {
        return released;
    }

    public int leasedAtStep() {
        return leasedAtStep;
    }

    /** The step of the release, -1 while leased. */
    public int releasedAtStep() {
        return releasedAtStep;
    }

    void transferTo(Owner newOwner) {
        owner = newOwner;
    }

    void markReleased(int step) {
        released = true;
        releasedAtStep = step;
    }

    /** {@code lease#5 @0x100000 (8192 B)}. */
    public String describe() {
        return "lease#" + id + " @0x" + Long.toHexString(address) + " (" + classBytes + " B)";
    }

    /** The describe() text plus its history, for violation sentences. */
    public String history() {
        String held = describe() + " held by " + owner + " since step " + leasedAtStep;
        return released ? held + ", released at step " + releasedAtStep : held;
    }

    @Override
    public String toString() {
        return describe();
    }
}
