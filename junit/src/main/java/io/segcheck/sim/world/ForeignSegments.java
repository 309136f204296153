package io.segcheck.sim.world;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Fabricates segments the allocator must refuse as {@code FOREIGN}: another arena's segment, a
 * half-size slice of a live raw lease, a heap segment.
 */
final class ForeignSegments {

    /** The number of kinds; a step's kind argument is taken modulo this. */
    static final int KINDS = 3;

    private MemorySegment otherArenaSegment;

    /** The segment of {@code kind} (0, 1 or 2); null when kind 1 has no live raw lease to slice. */
    MemorySegment of(int kind, long index, Populations populations) {
        if (kind == 0) {
            if (otherArenaSegment == null) {
                otherArenaSegment = Arena.ofAuto().allocate(4096); // never from this allocator; freed by GC
            }
            return otherArenaSegment;
        }
        if (kind == 2) {
            return MemorySegment.ofArray(new byte[4096]);
        }
        List<RawSegment> leased = populations.leasedRaw();
        int position = Populations.pick(index, leased.size());
        if (position < 0) {
            return null;
        }
        MemorySegment whole = leased.get(position).segment();
        return whole.asSlice(0, whole.byteSize() / 2);
    }
}
