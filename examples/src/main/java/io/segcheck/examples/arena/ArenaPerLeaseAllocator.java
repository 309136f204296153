package io.segcheck.examples.arena;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
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
 * <p>With {@code releaseThroughViews} a release through any view of the live lease with its address
 * and size ({@code asSlice(0)}, {@code asReadOnly()}) ends the lease, the way an allocator keyed by
 * address and size works: the view must share the lease's scope (so a stale instance, whose arena
 * is closed, and a segment made from a raw address are refused) and its size.
 *
 * <p>It marks the rare path {@value #MARK_BUDGET_NEARLY_SPENT}: a lease after which less than the
 * largest class is left of the budget.
 *
 * <p>Planted bugs ({@link Bug}): releasing a segment of the largest class never gives its bytes back
 * to the budget, so after enough large leases the allocator refuses requests it has room for; or,
 * with views accepted, the size of a view is not compared, so an offset-0 sub-slice frees the whole
 * lease.
 */
public final class ArenaPerLeaseAllocator implements OffHeapAllocator {

    /** A rare path: after this lease less than the largest class is left of the budget. */
    public static final String MARK_BUDGET_NEARLY_SPENT = "arena.budgetNearlySpent";

    /** The planted bugs. */
    public enum Bug {
        NONE,
        /** Releases of the largest class keep their bytes on the budget. */
        BUDGET_LEAK,
        /** A view's size is not compared with the lease's: an offset-0 sub-slice ends the whole lease. */
        OFFSET_ZERO_SLICE
    }

    private final List<Integer> classes;
    private final long budgetBytes;
    private final boolean releaseThroughViews;
    private final Bug bug;
    private final Probes probes;
    private final Map<MemorySegment, Arena> arenas = new IdentityHashMap<>();
    private final Map<Long, MemorySegment> leasedByAddress = new HashMap<>();
    private final long[] leasedPerClass;
    private long leasedBytes;
    private long highWaterBytes;
    private boolean closed;

    public ArenaPerLeaseAllocator(List<Integer> classes, long budgetBytes, boolean plantedBug) {
        this(classes, budgetBytes, false, plantedBug ? Bug.BUDGET_LEAK : Bug.NONE, Probes.none());
    }

    public ArenaPerLeaseAllocator(List<Integer> classes, long budgetBytes, boolean releaseThroughViews, Bug bug,
            Probes probes) {
        this.classes = List.copyOf(classes);
        this.budgetBytes = budgetBytes;
        this.releaseThroughViews = releaseThroughViews;
        this.bug = bug;
        this.probes = probes;
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
        if (budgetBytes - leasedBytes < classes.getLast()) {
            probes.mark(MARK_BUDGET_NEARLY_SPENT);
        }
        return segment;
    }

    @Override
    public synchronized void release(MemorySegment segment) {
        checkOpen();
        MemorySegment lease = leaseOf(segment);
        if (lease == null) {
            throw refusal(segment);
        }
        Arena arena = arenas.remove(lease);
        leasedByAddress.remove(lease.address());
        int index = classes.indexOf((int) lease.byteSize());
        leasedPerClass[index]--;
        if (!(bug == Bug.BUDGET_LEAK && index == classes.size() - 1)) {
            leasedBytes -= lease.byteSize();
        }
        arena.close();
    }

    /** The live lease {@code segment} releases: itself or, with views accepted, the lease it is a whole view of. */
    private MemorySegment leaseOf(MemorySegment segment) {
        if (segment == null || arenas.containsKey(segment)) {
            return segment;
        }
        MemorySegment current = leasedByAddress.get(segment.address());
        if (!releaseThroughViews || current == null || !segment.isNative()
                || !segment.scope().equals(current.scope())) {
            return null;
        }
        boolean sameSize = segment.byteSize() == current.byteSize() || bug == Bug.OFFSET_ZERO_SLICE;
        return sameSize ? current : null;
    }

    private RuntimeException refusal(MemorySegment segment) {
        if (segment == null) {
            return new NullPointerException("segment");
        }
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
