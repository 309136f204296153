package io.segcheck.examples.arena;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simplest correct allocator: every lease gets its own {@code Arena.ofShared()}, closed on
 * release, so memory is always fresh and zeroed and any access through a released segment throws.
 * Leased bytes are counted against a byte budget. Slow (a shared arena's close is a handshake with
 * every thread) but easy to trust.
 *
 * <p>Planted bug ({@code plantedBug=true}): releasing a segment of the largest class frees its memory
 * but never gives its bytes back to the budget, so after enough large leases the allocator refuses
 * requests it has room for.
 */
public final class ArenaPerLeaseAllocator implements OffHeapAllocator {

    private final List<Integer> classes;
    private final long budgetBytes;
    private final boolean plantedBug;
    private final Map<MemorySegment, Arena> arenas = new IdentityHashMap<>();
    private final Map<Long, MemorySegment> leasedByAddress = new HashMap<>();
    private final long[] leasedPerClass;
    private long leasedBytes;
    private long highWaterBytes;
    private boolean closed;

    public ArenaPerLeaseAllocator(List<Integer> classes, long budgetBytes, boolean plantedBug) {
        this.classes = List.copyOf(classes);
        this.budgetBytes = budgetBytes;
        this.plantedBug = plantedBug;
        this.leasedPerClass = new long[classes.size()];
    }

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        checkOpen();
        int index = classIndex(bytes);
        int size = classes.get(index);
        if (leasedBytes + size > budgetBytes) {
            throw new AllocatorExhaustedException(size, budgetBytes, leasedBytes, size);
        }
        Arena arena = Arena.ofShared();
        MemorySegment segment = arena.allocate(size, 16);
        arenas.put(segment, arena);
        leasedByAddress.put(segment.address(), segment);
        leasedPerClass[index]++;
        leasedBytes += size;
        highWaterBytes = Math.max(highWaterBytes, leasedBytes);
        return segment;
    }

    @Override
    public synchronized void release(MemorySegment segment) {
        checkOpen();
        Arena arena = arenas.remove(segment);
        if (arena == null) {
            throw refusal(segment);
        }
        leasedByAddress.remove(segment.address());
        int index = classes.indexOf((int) segment.byteSize());
        leasedPerClass[index]--;
        if (!(plantedBug && index == classes.size() - 1)) {
            leasedBytes -= segment.byteSize();
        }
        arena.close();
    }

    private SegmentOwnershipException refusal(MemorySegment segment) {
        MemorySegment current = leasedByAddress.get(segment.address());
        SegmentOwnershipException.Kind kind;
        if (current != null) {
            kind = current.byteSize() == segment.byteSize() && segment.isNative() ? SegmentOwnershipException.Kind.STALE
                    : SegmentOwnershipException.Kind.FOREIGN;
        } else {
            // A closed scope means the segment came from one of this allocator's leases, already released.
            kind = segment.isNative() && !segment.scope().isAlive() ? SegmentOwnershipException.Kind.DOUBLE_RELEASE
                    : SegmentOwnershipException.Kind.FOREIGN;
        }
        return new SegmentOwnershipException(kind, segment.address(), "release refused: address=0x"
                + Long.toHexString(segment.address()) + " byteSize=" + segment.byteSize());
    }

    @Override
    public synchronized AllocatorStats stats() {
        checkOpen();
        List<AllocatorStats.ClassStats> perClass = new ArrayList<>();
        long leasedSegments = 0;
        for (int index = 0; index < classes.size(); index++) {
            leasedSegments += leasedPerClass[index];
            perClass.add(new AllocatorStats.ClassStats(classes.get(index), leasedPerClass[index], 0, 0,
                    AllocatorStats.UNKNOWN));
        }
        return new AllocatorStats(AllocatorStats.UNKNOWN, budgetBytes, leasedSegments, leasedBytes, highWaterBytes,
                perClass);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        arenas.values().forEach(Arena::close);
        arenas.clear();
        leasedByAddress.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("allocator is closed");
        }
    }

    private int classIndex(long bytes) {
        for (int index = 0; index < classes.size(); index++) {
            if (bytes > 0 && bytes <= classes.get(index)) {
                return index;
            }
        }
        throw new IllegalArgumentException("bytes=" + bytes + " is outside 1.." + classes.getLast());
    }
}
