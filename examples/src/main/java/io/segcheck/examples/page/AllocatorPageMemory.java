package io.segcheck.examples.page;

import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The one forwarding implementation of the page's own allocator interface a team writes to put
 * segcheck's allocator in front of a page that finds its memory through a singleton: installed in
 * {@link PageMemoryHolder} for the test, it sends every take and give-back to the allocator
 * segcheck passed in, which observes them.
 */
public final class AllocatorPageMemory implements PageMemory {

    private final OffHeapAllocator allocator;

    public AllocatorPageMemory(OffHeapAllocator allocator) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
    }

    @Override
    public MemorySegment take(long bytes) {
        return allocator.allocate(bytes);
    }

    @Override
    public void giveBack(MemorySegment segment) {
        allocator.release(segment);
    }
}
