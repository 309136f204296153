package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The allocator the page contract runs pages on unless a test names another: power-of-two classes
 * from 4 KiB to 1 MiB, each lease fresh zeroed memory the garbage collector frees once released
 * and unreachable, typed rejection, no budget. Deliberately plain, so a page's findings are the
 * page's; {@link ObservingAllocator} adds the per-lease views that make a use after release throw.
 */
public final class PlainAllocatorFactory implements AllocatorFactory {

    static final List<Integer> CLASSES = List.of(4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576);

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new Plain();
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(CLASSES).zeroed(true).build();
    }

    @Override
    public String name() {
        return "plain";
    }

    /** One automatic arena per lease; the set of leases only refuses a release it did not hand out. */
    private static final class Plain implements OffHeapAllocator {
        private final Set<MemorySegment> leased = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        @Override
        public synchronized MemorySegment allocate(long bytes) {
            checkOpen();
            int size = CLASSES.stream().filter(candidate -> candidate >= bytes).findFirst()
                    .filter(candidate -> bytes > 0)
                    .orElseThrow(() -> new IllegalArgumentException("bytes=" + bytes + " outside 1.." + CLASSES.getLast()));
            MemorySegment segment = Arena.ofAuto().allocate(size, 16);
            leased.add(segment);
            return segment;
        }

        @Override
        public synchronized void release(MemorySegment segment) {
            checkOpen();
            if (!leased.remove(segment)) {
                throw new SegmentOwnershipException(SegmentOwnershipException.Kind.FOREIGN,
                        segment == null ? 0 : segment.address(), "not a live lease of this allocator");
            }
        }

        @Override
        public synchronized AllocatorStats stats() {
            checkOpen();
            long bytes = leased.stream().mapToLong(MemorySegment::byteSize).sum();
            return new AllocatorStats(AllocatorStats.UNKNOWN, AllocatorStats.UNKNOWN, leased.size(), bytes,
                    AllocatorStats.UNKNOWN, List.of());
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("allocator is closed");
            }
        }
    }
}
