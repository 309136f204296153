package io.segcheck.examples.freelist;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic pool: memory is carved from chunks of {@code chunkBytes}, each serving one class, all
 * owned by one shared arena that {@link #close()} closes. Free slices wait in a queue per class and
 * the oldest is handed out first; leases are kept in a map keyed by address. Memory is not zeroed
 * (the next owner sees what the last one left), and a release the pool does not recognise is
 * ignored, which is how many pools avoid throwing on shutdown paths. Every call takes one lock.
 *
 * <p>Planted bug ({@code plantedBug=true}): release recognises a lease by its address alone, the
 * classic ABA mistake: an old instance released after its address was leased again frees the
 * current owner's slice, and the next allocate hands it to a second owner.
 */
public final class FreeListPoolAllocator implements OffHeapAllocator {

    private final List<Integer> classes;
    private final long chunkBytes;
    private final long budgetBytes;
    private final boolean plantedBug;
    private final Arena arena = Arena.ofShared();
    private final List<ArrayDeque<MemorySegment>> free = new ArrayList<>();
    private final Map<Long, MemorySegment> leased = new HashMap<>();
    private final long[] leasedPerClass;
    private final long[] chunksPerClass;
    private long mappedBytes;
    private long leasedBytes;
    private long highWaterBytes;
    private boolean closed;

    public FreeListPoolAllocator(List<Integer> classes, long chunkBytes, long budgetBytes, boolean plantedBug) {
        if (chunkBytes < classes.getLast() || budgetBytes < chunkBytes) {
            throw new IllegalArgumentException("chunkBytes=" + chunkBytes + " budgetBytes=" + budgetBytes
                    + ": need largest class <= chunkBytes <= budgetBytes");
        }
        this.classes = List.copyOf(classes);
        this.chunkBytes = chunkBytes;
        this.budgetBytes = budgetBytes;
        this.plantedBug = plantedBug;
        this.leasedPerClass = new long[classes.size()];
        this.chunksPerClass = new long[classes.size()];
        classes.forEach(size -> free.add(new ArrayDeque<>()));
    }

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        checkOpen();
        int index = classIndex(bytes);
        ArrayDeque<MemorySegment> queue = free.get(index);
        if (queue.isEmpty()) {
            carveChunk(index);
        }
        // A new view per lease, so an old instance of the same slice can be told from the current one.
        MemorySegment segment = queue.pollFirst().asSlice(0);
        leased.put(segment.address(), segment);
        leasedPerClass[index]++;
        leasedBytes += segment.byteSize();
        highWaterBytes = Math.max(highWaterBytes, leasedBytes);
        return segment;
    }

    private void carveChunk(int index) {
        int size = classes.get(index);
        if (mappedBytes + chunkBytes > budgetBytes) {
            throw new AllocatorExhaustedException(size, budgetBytes, mappedBytes, chunkBytes);
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
        MemorySegment lease = leased.get(segment.address());
        boolean known = plantedBug ? lease != null : lease == segment;
        if (!known) {
            return; // not a current lease of this pool: ignored, nothing changes
        }
        leased.remove(lease.address());
        int index = classes.indexOf((int) lease.byteSize());
        leasedPerClass[index]--;
        leasedBytes -= lease.byteSize();
        free.get(index).addLast(lease);
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
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pool is closed");
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
