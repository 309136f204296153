package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A correct allocator whose quarantine is always on, whatever the settings say: every released
 * segment waits in a FIFO of {@link #QUARANTINE_SLICES} before it can be leased again, and counts
 * against a byte budget meanwhile. The kit must pass it: a kit test that assumes released memory
 * is reusable at once, or that guard mode off means no quarantine, raises a false alarm here.
 */
public final class AlwaysQuarantiningAllocatorFactory implements AllocatorFactory {

    static final int QUARANTINE_SLICES = 64; // like guard mode's default: more than a tight budget holds
    private static final List<Integer> CLASSES = List.of(4096, 8192, 16384);

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new Quarantining(settings.budgetBytes());
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(CLASSES)
                .reuseOrder(AllocatorDesign.ReuseOrder.LIFO)
                .zeroed(true)
                .quarantineSlices(QUARANTINE_SLICES)
                .accounting(new AllocatorDesign.Accounting.ByteBudget(settings.budgetBytes()))
                .closedState(true)
                .build();
    }

    private static final class Quarantining implements OffHeapAllocator {
        private final long budgetBytes;
        private final Arena arena = Arena.ofShared();
        /** The current lease instance by address; the address of every segment ever carved, leased or not. */
        private final Map<Long, MemorySegment> leases = new HashMap<>();
        private final Map<Long, Integer> classOf = new HashMap<>();
        private final List<ArrayDeque<MemorySegment>> free = new ArrayList<>();
        private final ArrayDeque<MemorySegment> quarantine = new ArrayDeque<>();
        private final long[] leasedPerClass = new long[CLASSES.size()];
        private final long[] quarantinedPerClass = new long[CLASSES.size()];
        private long heldBytes;
        private long leasedBytes;
        private long highWaterBytes;
        private boolean closed;

        Quarantining(long budgetBytes) {
            this.budgetBytes = budgetBytes;
            CLASSES.forEach(size -> free.add(new ArrayDeque<>()));
        }

        @Override
        public synchronized MemorySegment allocate(long bytes) {
            checkOpen();
            int index = classIndex(bytes);
            int size = CLASSES.get(index);
            if (heldBytes + size > budgetBytes) {
                throw new AllocatorExhaustedException(size, budgetBytes, heldBytes, size);
            }
            MemorySegment slice = free.get(index).pollFirst();
            if (slice == null) {
                slice = arena.allocate(size, 4096);
                classOf.put(slice.address(), index);
            }
            MemorySegment lease = slice.asSlice(0).fill((byte) 0);
            leases.put(lease.address(), lease);
            leasedPerClass[index]++;
            heldBytes += size;
            leasedBytes += size;
            highWaterBytes = Math.max(highWaterBytes, leasedBytes);
            return lease;
        }

        @Override
        public synchronized void release(MemorySegment segment) {
            checkOpen();
            if (segment == null) {
                throw new NullPointerException("segment");
            }
            Integer index = classOf.get(segment.address());
            if (index == null || segment.byteSize() != CLASSES.get(index)) {
                throw new SegmentOwnershipException(SegmentOwnershipException.Kind.FOREIGN, segment.address(),
                        "not a segment of this allocator");
            }
            MemorySegment lease = leases.get(segment.address());
            if (lease == null) {
                throw new SegmentOwnershipException(SegmentOwnershipException.Kind.DOUBLE_RELEASE, segment.address(),
                        "not leased");
            }
            if (lease != segment) {
                throw new SegmentOwnershipException(SegmentOwnershipException.Kind.STALE, segment.address(),
                        "leased to another instance");
            }
            leases.remove(segment.address());
            leasedPerClass[index]--;
            leasedBytes -= segment.byteSize();
            quarantinedPerClass[index]++;
            quarantine.addLast(segment);
            if (quarantine.size() > QUARANTINE_SLICES) {
                MemorySegment leaving = quarantine.removeFirst();
                int leavingIndex = classOf.get(leaving.address());
                quarantinedPerClass[leavingIndex]--;
                heldBytes -= leaving.byteSize();
                free.get(leavingIndex).addFirst(leaving);
            }
        }

        @Override
        public synchronized AllocatorStats stats() {
            checkOpen();
            List<AllocatorStats.ClassStats> classes = new ArrayList<>();
            long leasedSegments = 0;
            for (int index = 0; index < CLASSES.size(); index++) {
                leasedSegments += leasedPerClass[index];
                classes.add(new AllocatorStats.ClassStats(CLASSES.get(index), leasedPerClass[index],
                        free.get(index).size(), quarantinedPerClass[index], AllocatorStats.UNKNOWN));
            }
            return new AllocatorStats(AllocatorStats.UNKNOWN, budgetBytes, leasedSegments, leasedBytes, highWaterBytes,
                    classes);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                arena.close();
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("allocator is closed");
            }
        }

        private static int classIndex(long bytes) {
            for (int index = 0; index < CLASSES.size(); index++) {
                if (bytes > 0 && bytes <= CLASSES.get(index)) {
                    return index;
                }
            }
            throw new IllegalArgumentException("bytes=" + bytes + " is outside 1.." + CLASSES.getLast());
        }
    }
}
