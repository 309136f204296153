package io.segcheck.impl.alloc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One mapped region of one size class: its memory, the arena that owns it, and per-slice state.
 *
 * <p>A slice is in exactly one of these places: in its class's free stack, leased (its lease
 * instance is in {@link #leases}), in quarantine (guard mode), retired after a poison violation,
 * or in the hands of a thread between those places. A region is unmapped only when every slice
 * is in the free stack, which the unmap path proves by draining the stack and counting.
 */
final class Region {

    /** log2 of the entries per slice in {@link #leases}: 16 references, 64 bytes with compressed oops, one line. */
    private static final int SPREAD_SHIFT = 4;
    /**
     * log2 of the array entries per slice in {@link #links}: 32 ints, 128 bytes. The array's data
     * does not start on a cache-line boundary, so with 64 bytes per slice an entry's three ints
     * could straddle into the line of the next slice's entry, which another thread may own.
     */
    private static final int LINK_SHIFT = 5;
    /** Fields of a slice's link entry ({@link #links}). */
    private static final int NEXT = 0;
    private static final int DEPTH = 1;
    private static final int HOME = 2;

    final int classIndex;
    /** Position in the class's region table; part of every slice id of this region. */
    final int slot;
    final int sliceBytes;
    /** log2(sliceBytes): slice sizes are powers of two, so offsets divide by shifting. */
    final int sliceShift;
    final int sliceCount;
    final long baseAddress;
    final long regionBytes;
    /** The whole region, bound to {@link #arena}; closing the arena makes every slice throw. */
    final MemorySegment memory;
    final Arena arena;
    /**
     * One link entry per slice: the id below it in its free stack (or -1), the depth of that
     * stack with this slice on top, and its home stripe (the stripe of the thread that leased it
     * last, where its release pushes it). A plain array on the heap, not in the mapped memory, so
     * a pop that races an unmap reads a stale link at worst (its CAS then fails on the tag) and
     * never touches unmapped memory. Spread one entry per 128 bytes ({@link #LINK_SHIFT}), so
     * slices leased by different threads never share a line of it.
     */
    private final int[] links;
    /**
     * The exact instance of the current lease of each slice, or null when not leased. Entry
     * {@code i} sits at {@link #leaseAt}{@code (i)}: neighbouring slices are often leased by
     * different threads, and packed entries put their lease writes on one cache line that the
     * cores would pass back and forth on every lease and release. Costs 64 bytes per slice
     * (1.6% of a 4 KiB slice; the links cost 128 more).
     */
    private final AtomicReferenceArray<MemorySegment> leases;
    /** Guard mode only: the scope and owner of each current lease; null otherwise. */
    final GuardLease[] guardLeases;

    Region(int classIndex, int slot, int sliceBytes, MemorySegment memory, Arena arena, boolean guardMode) {
        this.classIndex = classIndex;
        this.slot = slot;
        this.sliceBytes = sliceBytes;
        this.sliceShift = Integer.numberOfTrailingZeros(sliceBytes);
        this.regionBytes = memory.byteSize();
        this.sliceCount = Math.toIntExact(regionBytes / sliceBytes);
        this.baseAddress = memory.address();
        this.memory = memory;
        this.arena = arena;
        this.links = new int[(sliceCount + 1) << LINK_SHIFT];
        this.leases = new AtomicReferenceArray<>((sliceCount + 1) << SPREAD_SHIFT);
        this.guardLeases = guardMode ? new GuardLease[sliceCount] : null;
    }

    /** A fresh instance over slice {@code index}; each lease gets its own, so identity tells leases apart. */
    MemorySegment slice(int index) {
        return memory.asSlice((long) index * sliceBytes, sliceBytes);
    }

    /** The free-stack link of slice {@code index}: the id below it, or -1. */
    int nextFree(int index) {
        return links[linkAt(index) + NEXT];
    }

    /** Depth of the free stack when slice {@code index} was pushed on it, itself included. */
    int depth(int index) {
        return links[linkAt(index) + DEPTH];
    }

    /** Links slice {@code index} above {@code below} in a stack of {@code depth} slices; before the push CAS. */
    void link(int index, int below, int depth) {
        links[linkAt(index) + NEXT] = below;
        links[linkAt(index) + DEPTH] = depth;
    }

    /**
     * The stripe of the thread that leased slice {@code index} last. Read by the releasing thread,
     * which got the lease through a happens-before edge; any value is a valid stripe after
     * masking, so a stale one would only send the slice to another stripe.
     */
    int homeStripe(int index) {
        return links[linkAt(index) + HOME];
    }

    void setHomeStripe(int index, int stripe) {
        links[linkAt(index) + HOME] = stripe;
    }

    /** The current lease instance of slice {@code index}, or null. */
    MemorySegment lease(int index) {
        return leases.get(leaseAt(index));
    }

    /** Records a lease; release semantics, since the releasing thread got the instance through a happens-before edge. */
    void publishLease(int index, MemorySegment instance) {
        leases.setRelease(leaseAt(index), instance);
    }

    /** Ends the lease of exactly {@code instance}; false when it is not the current lease. */
    boolean endLease(int index, MemorySegment instance) {
        return leases.compareAndSet(leaseAt(index), instance, null);
    }

    /** Close path: ends whatever lease slice {@code index} has; returns it, or null. */
    MemorySegment clearLease(int index) {
        return leases.getAndSet(leaseAt(index), null);
    }

    /**
     * Where slice {@code index}'s link entry starts. Slot 0 stays unused: it shares a cache line
     * with the array's length, which every access reads for its bounds check, and with this
     * region's own fields just before the array; the owner of slice 0 writing there made every
     * other thread's release miss (2 threads at 4 KiB: 209 ns a lease+release instead of 35, with
     * the zeroing switched off).
     */
    private static int linkAt(int index) {
        return (index + 1) << LINK_SHIFT;
    }

    /** Where slice {@code index}'s lease entry is; slot 0 unused, as in {@link #linkAt}. */
    private static int leaseAt(int index) {
        return (index + 1) << SPREAD_SHIFT;
    }

    long sliceAddress(int index) {
        return baseAddress + (long) index * sliceBytes;
    }

    boolean contains(long address) {
        return address >= baseAddress && address - baseAddress < regionBytes;
    }
}
