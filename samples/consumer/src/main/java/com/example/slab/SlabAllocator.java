package com.example.slab;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A slab allocator of this team's own: requests are rounded up to one of a few slab sizes, every slab
 * lives in an arena of its own that closes when the slab is given back (so a slab given back cannot be
 * read any more), and the bytes out at once are capped by a budget. A slab is given back only through
 * the very segment that was handed out; anything else is refused, saying why.
 *
 * <p>{@link Plant#DOUBLE_RELEASE} plants a bug for the build to find: giving a slab back twice is
 * quietly accepted instead of refused. {@link Plant#RACY_RELEASE} plants one only threads show: a
 * release checks the slab is out under the lock, then gives it back under the lock taken again.
 */
public final class SlabAllocator implements OffHeapAllocator {

    /** Bugs the build can switch on (system property {@code consumer.plant}) to see its checks catch them. */
    public enum Plant {
        NONE,
        /** A second release of the same slab returns quietly. */
        DOUBLE_RELEASE,
        /**
         * The check and the give-back of a release under two holds of the lock: two threads giving
         * back one slab at once both pass the check, and both give it back. Any order of whole calls
         * refuses the second release, so only an interleaving inside the calls shows it.
         */
        RACY_RELEASE
    }

    private record Slab(MemorySegment segment, Arena arena, int sizeIndex) {
    }

    private final List<Integer> slabSizes;
    private final long budgetBytes;
    private final Plant plant;
    /** The slabs out now, by address. */
    private final Map<Long, Slab> out = new HashMap<>();
    private final long[] outPerSize;
    private long outBytes;
    private long mostBytesOut;
    private boolean closed;

    public SlabAllocator(List<Integer> slabSizes, long budgetBytes, Plant plant) {
        this.slabSizes = List.copyOf(slabSizes);
        this.budgetBytes = budgetBytes;
        this.plant = plant;
        this.outPerSize = new long[slabSizes.size()];
    }

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        requireOpen();
        int sizeIndex = sizeIndexFor(bytes);
        int size = slabSizes.get(sizeIndex);
        if (outBytes + size > budgetBytes) {
            throw new AllocatorExhaustedException(size, budgetBytes, outBytes, size);
        }
        Arena arena = Arena.ofShared();
        Slab slab = new Slab(arena.allocate(size, 16), arena, sizeIndex);
        out.put(slab.segment().address(), slab);
        outPerSize[sizeIndex]++;
        outBytes += size;
        mostBytesOut = Math.max(mostBytesOut, outBytes);
        return slab.segment();
    }

    @Override
    public void release(MemorySegment segment) {
        if (plant != Plant.RACY_RELEASE) {
            synchronized (this) {
                checkedOut(segment).ifPresent(this::giveBack);
            }
            return;
        }
        Optional<Slab> slab;
        synchronized (this) {
            slab = checkedOut(segment);
        }
        synchronized (this) { // the planted bug: another thread may have given the slab back in between
            slab.ifPresent(this::giveBack);
        }
    }

    /** The slab {@code segment} was handed out as, still out; empty only for the planted quiet double release. */
    private Optional<Slab> checkedOut(MemorySegment segment) {
        requireOpen();
        if (segment == null) {
            throw new NullPointerException("segment");
        }
        Slab slab = out.get(segment.address());
        if (slab == null || slab.segment() != segment) {
            SegmentOwnershipException.Kind why = whyRefused(segment, slab);
            if (why == SegmentOwnershipException.Kind.DOUBLE_RELEASE && plant == Plant.DOUBLE_RELEASE) {
                return Optional.empty(); // the planted bug: a slab given back twice goes unnoticed
            }
            throw new SegmentOwnershipException(why, segment.address(), "slab release refused: address=0x"
                    + Long.toHexString(segment.address()) + " byteSize=" + segment.byteSize());
        }
        return Optional.of(slab);
    }

    private void giveBack(Slab slab) {
        out.remove(slab.segment().address());
        outPerSize[slab.sizeIndex()]--;
        outBytes -= slabSizes.get(slab.sizeIndex());
        slab.arena().close();
    }

    /**
     * Another segment at a slab's address of the slab's size is a stale one (the address was handed
     * out again); a segment whose arena is closed was a slab given back already; anything else was
     * never this allocator's.
     */
    private static SegmentOwnershipException.Kind whyRefused(MemorySegment segment, Slab slab) {
        if (slab != null) {
            return slab.segment().byteSize() == segment.byteSize() && segment.isNative()
                    ? SegmentOwnershipException.Kind.STALE : SegmentOwnershipException.Kind.FOREIGN;
        }
        return segment.isNative() && !segment.scope().isAlive() ? SegmentOwnershipException.Kind.DOUBLE_RELEASE
                : SegmentOwnershipException.Kind.FOREIGN;
    }

    @Override
    public synchronized AllocatorStats stats() {
        requireOpen();
        List<AllocatorStats.ClassStats> perSize = new ArrayList<>();
        long slabsOut = 0;
        for (int index = 0; index < slabSizes.size(); index++) {
            slabsOut += outPerSize[index];
            perSize.add(new AllocatorStats.ClassStats(slabSizes.get(index), outPerSize[index], 0, 0,
                    AllocatorStats.UNKNOWN));
        }
        return new AllocatorStats(AllocatorStats.UNKNOWN, budgetBytes, slabsOut, outBytes, mostBytesOut, perSize);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            out.values().forEach(slab -> slab.arena().close());
            out.clear();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("slab allocator is closed");
        }
    }

    private int sizeIndexFor(long bytes) {
        for (int index = 0; bytes > 0 && index < slabSizes.size(); index++) {
            if (bytes <= slabSizes.get(index)) {
                return index;
            }
        }
        throw new IllegalArgumentException("bytes=" + bytes + " is outside 1.." + slabSizes.getLast());
    }
}
