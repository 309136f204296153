package io.segcheck.sim.cli;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;

import java.lang.foreign.MemorySegment;

/**
 * Another project's allocator that runs out of native memory its own way: from its fourth
 * allocate on it throws {@link OutOfMemoryError}, as a malloc-backed allocator does. A finding
 * about the allocator, never an internal error of segcheck.
 */
public final class ErrorThrowingFactory implements AllocatorFactory {

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new ForwardingOffHeapAllocator(new SegcheckAllocatorFactory().create(settings)) {
            private int calls;

            @Override
            public MemorySegment allocate(long bytes) {
                if (++calls > 3) {
                    throw new OutOfMemoryError("planted: native memory exhausted");
                }
                return super.allocate(bytes);
            }
        };
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return new SegcheckAllocatorFactory().design(settings);
    }
}
