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
     * Free-stack links by slice index: the id below this slice in the stack, or -1. A plain array
     * on the heap, not in the mapped memory, so a pop that races an unmap reads a stale link at
     * worst (its CAS then fails on the tag) and never touches unmapped memory.
     */
    final int[] nextFree;
    /** The exact instance of the current lease of each slice, or null when not leased. */
    final AtomicReferenceArray<MemorySegment> leases;
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
        this.nextFree = new int[sliceCount];
        this.leases = new AtomicReferenceArray<>(sliceCount);
        this.guardLeases = guardMode ? new GuardLease[sliceCount] : null;
    }

    /** A fresh instance over slice {@code index}; each lease gets its own, so identity tells leases apart. */
    MemorySegment slice(int index) {
        return memory.asSlice((long) index * sliceBytes, sliceBytes);
    }

    long sliceAddress(int index) {
        return baseAddress + (long) index * sliceBytes;
    }

    boolean contains(long address) {
        return address >= baseAddress && address - baseAddress < regionBytes;
    }
}
