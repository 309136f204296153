package io.segcheck.examples.freelist;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic pool: memory is carved from chunks of {@code chunkBytes}, each serving one class, all
 * owned by one shared arena that {@link #close()} closes. Free slices wait in a queue per class and
 * the oldest is handed out first; leases are kept in a map keyed by address. Memory is not zeroed
 * (the next owner sees what the last one left), and a release the pool does not recognise is
 * ignored, which is how many pools avoid throwing on shutdown paths. Every call takes one lock.
 *
 * <p>Three variations a team might choose ({@link Variant}, set through allocator properties):
 * trusting every release instead of checking it, serving requests above the largest class from
 * an arena of their own, and checking sizes with {@code assert} instead of an exception.
 *
 * <p>Rare paths it marks: {@value #MARK_LAST_CHUNK} (carving the chunk that fills the budget) and
 * {@value #MARK_QUEUE_EMPTIED} (an allocate that takes the last free slice of its class). Its fault
 * site {@value #FAULT_CARVE} refuses to carve a chunk, as an exhausted budget would.
 *
 * <p>Planted bugs ({@link Bug}): an address-only release (the classic ABA mistake: an old instance
 * released after its address was leased again frees the current owner's slice); a missing size
 * check (a request outside the classes gets a slice of the nearest class); an allocate after close
 * that still hands out a free slice of the closed arena; a carve failed at the fault site that
 * still counts the lease it was for (a path only the fault reaches).
 */
public final class FreeListPoolAllocator implements OffHeapAllocator {

    /** A rare path: the chunk carved now fills the budget. */
    public static final String MARK_LAST_CHUNK = "freelist.lastChunkUnderBudget";
    /** A rare path: an allocate took the last free slice of its class. */
    public static final String MARK_QUEUE_EMPTIED = "freelist.classQueueEmptied";
    /** A fault site: carving a new chunk fails as if the budget were spent. */
    public static final String FAULT_CARVE = "freelist.carveFails";

    /** Design choices a team might make differently. */
    public record Variant(boolean validatesReleases, boolean servesOversize, boolean assertsSizes) {
        /** The pool as first written: checked releases, oversized requests refused with an exception. */
        public static Variant standard() {
            return new Variant(true, false, false);
        }
    }

    /** The planted bugs. */
    public enum Bug {
        NONE,
        /** Release recognises a lease by address alone. */
        ADDRESS_ONLY_RELEASE,
        /** Allocate serves any size from the nearest class, never refusing one. */
        MISSING_SIZE_CHECK,
        /** Allocate after close hands out a free slice instead of throwing. */
        ALLOCATE_AFTER_CLOSE,
        /** A carve that fails at the fault site still counts the lease it was for: only a fault reaches it. */
        FAILED_CARVE_COUNTED
    }

    private final List<Integer> classes;
    private final long chunkBytes;
    private final long budgetBytes;
    private final Variant variant;
    private final Bug bug;
    private final Probes probes;
    private final Arena arena = Arena.ofShared();
    private final List<ArrayDeque<MemorySegment>> free = new ArrayList<>();
    private final Map<Long, MemorySegment> leased = new HashMap<>();
    /** Oversized leases, each in an arena of its own (closed on release); counted in no class. */
    private final Map<MemorySegment, Arena> oversized = new IdentityHashMap<>();
    private final long[] leasedPerClass;
    private final long[] chunksPerClass;
    private long mappedBytes;
    private long leasedBytes;
    private long highWaterBytes;
    private boolean closed;

    public FreeListPoolAllocator(List<Integer> classes, long chunkBytes, long budgetBytes, boolean plantedBug) {
        this(classes, chunkBytes, budgetBytes, Variant.standard(), plantedBug ? Bug.ADDRESS_ONLY_RELEASE : Bug.NONE,
                Probes.none());
    }

    public FreeListPoolAllocator(List<Integer> classes, long chunkBytes, long budgetBytes, Variant variant, Bug bug,
            Probes probes) {
        if (chunkBytes < classes.getLast() || budgetBytes < chunkBytes) {
            throw new IllegalArgumentException("chunkBytes=" + chunkBytes + " budgetBytes=" + budgetBytes
                    + ": need largest class <= chunkBytes <= budgetBytes");
        }
        this.classes = List.copyOf(classes);
        this.chunkBytes = chunkBytes;
        this.budgetBytes = budgetBytes;
        this.variant = variant;
        this.bug = bug;
        this.probes = probes;
        this.leasedPerClass = new long[classes.size()];
        this.chunksPerClass = new long[classes.size()];
        classes.forEach(size -> free.add(new ArrayDeque<>()));
    }

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        if (bug != Bug.ALLOCATE_AFTER_CLOSE) {
            checkOpen();
        }
        if (variant.servesOversize() && bytes > classes.getLast()) {
            return allocateOversized(bytes);
        }
        int index = classIndex(bytes);
        ArrayDeque<MemorySegment> queue = free.get(index);
        if (queue.isEmpty()) {
            carveChunk(index);
        }
        if (queue.size() == 1) {
            probes.mark(MARK_QUEUE_EMPTIED);
        }
        // A new view per lease, so an old instance of the same slice can be told from the current one.
        MemorySegment segment = queue.pollFirst().asSlice(0);
        leased.put(segment.address(), segment);
        leasedPerClass[index]++;
        count(segment.byteSize());
        return segment;
    }

    private MemorySegment allocateOversized(long bytes) {
        Arena own = Arena.ofShared();
        MemorySegment segment = own.allocate(bytes, 16);
        oversized.put(segment, own);
        return segment;
    }

    private void count(long bytes) {
        leasedBytes += bytes;
        highWaterBytes = Math.max(highWaterBytes, leasedBytes);
    }

    private void carveChunk(int index) {
        int size = classes.get(index);
        if (mappedBytes + chunkBytes > budgetBytes) {
            throw new AllocatorExhaustedException(size, budgetBytes, mappedBytes, chunkBytes);
        }
        if (probes.fault(FAULT_CARVE)) {
            if (bug == Bug.FAILED_CARVE_COUNTED) {
                leasedPerClass[index]++; // the lease the carve was for, counted though it never happens
                leasedBytes += size;
            }
            throw new AllocatorExhaustedException(size, budgetBytes, mappedBytes, chunkBytes);
        }
        if (mappedBytes + 2 * chunkBytes > budgetBytes) {
            probes.mark(MARK_LAST_CHUNK);
        }
        MemorySegment chunk = arena.allocate(chunkBytes, 4096);
        for (long offset = 0; offset + size <= chunkBytes; offset += size) {
            free.get(index).addLast(chunk.asSlice(offset, size));
        }
        chunksPerClass[index]++;
        mappedBytes += chunkBytes;
    }

    @Override
    public synchronized void release(MemorySegment segment) {
        checkOpen();
        if (segment == null) {
            return;
        }
        Arena own = oversized.remove(segment);
        if (own != null) {
            own.close();
            return;
        }
        MemorySegment lease = leased.get(segment.address());
        if (!recognised(lease, segment)) {
            return; // not a current lease of this pool: ignored, nothing changes
        }
        leased.remove(lease.address());
        int index = classes.indexOf((int) lease.byteSize());
        leasedPerClass[index]--;
        leasedBytes -= lease.byteSize();
        free.get(index).addLast(lease);
    }

    /** Whether {@code segment} is the lease at its address; a pool that trusts its callers asks only for one. */
    private boolean recognised(MemorySegment lease, MemorySegment segment) {
        if (!variant.validatesReleases() || bug == Bug.ADDRESS_ONLY_RELEASE) {
            return lease != null;
        }
        return lease == segment;
    }

    @Override
    public synchronized AllocatorStats stats() {
        checkOpen();
        List<AllocatorStats.ClassStats> perClass = new ArrayList<>();
        long leasedSegments = 0;
        for (int index = 0; index < classes.size(); index++) {
            leasedSegments += leasedPerClass[index];
            perClass.add(new AllocatorStats.ClassStats(classes.get(index), leasedPerClass[index],
                    free.get(index).size(), 0, chunksPerClass[index]));
        }
        return new AllocatorStats(mappedBytes, budgetBytes, leasedSegments, leasedBytes, highWaterBytes, perClass);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        oversized.values().forEach(Arena::close);
        oversized.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pool is closed");
        }
    }

    private int classIndex(long bytes) {
        if (bug == Bug.MISSING_SIZE_CHECK) {
            return nearestClass(bytes);
        }
        if (variant.assertsSizes()) {
            assert bytes > 0 && bytes <= classes.getLast() : "bytes=" + bytes + " is outside 1.." + classes.getLast();
            return nearestClass(bytes); // without -ea a bad size is the caller's bug
        }
        for (int index = 0; index < classes.size(); index++) {
            if (bytes > 0 && bytes <= classes.get(index)) {
                return index;
            }
        }
        throw new IllegalArgumentException("bytes=" + bytes + " is outside 1.." + classes.getLast());
    }

    /** The smallest class that holds {@code bytes}, the largest for anything bigger. */
    private int nearestClass(long bytes) {
        for (int index = 0; index < classes.size(); index++) {
            if (bytes <= classes.get(index)) {
                return index;
            }
        }
        return classes.size() - 1;
    }
}
