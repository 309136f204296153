package io.segcheck.bench;

import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.alloc.SizeClass;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The design segcheck's allocator replaces, behind the same interface so a page can run on it:
 * every segment gets its own arena ({@code Arena.ofConfined()} or {@code Arena.ofShared()}), page
 * aligned and zeroed by the JDK, and release closes that arena. Used by one thread only (a
 * confined arena can only be closed by its owner), so the map from segment to arena is a plain
 * {@link IdentityHashMap}; it holds the one or two segments of the page in flight.
 */
final class ArenaPerSegmentAllocator implements OffHeapAllocator {

    private static final long PAGE_BYTES = 4096;

    private final Supplier<Arena> arenas;
    private final Map<MemorySegment, Arena> open = new IdentityHashMap<>();

    ArenaPerSegmentAllocator(Supplier<Arena> arenas) {
        this.arenas = arenas;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        long classBytes = SizeClass.sizeBytes(SizeClass.indexFor(bytes));
        Arena arena = arenas.get();
        MemorySegment segment = arena.allocate(classBytes, PAGE_BYTES);
        open.put(segment, arena);
        return segment;
    }

    @Override
    public void release(MemorySegment segment) {
        Arena arena = open.remove(segment);
        if (arena == null) {
            throw new SegmentOwnershipException(SegmentOwnershipException.Kind.FOREIGN, segment.address(),
                    "segment has no open arena here: address=0x" + Long.toHexString(segment.address()));
        }
        arena.close();
    }

    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(AllocatorStats.UNKNOWN, AllocatorStats.UNKNOWN, open.size(), AllocatorStats.UNKNOWN,
                AllocatorStats.UNKNOWN, List.of());
    }

    @Override
    public void close() {
        open.values().forEach(Arena::close);
        open.clear();
    }
}
