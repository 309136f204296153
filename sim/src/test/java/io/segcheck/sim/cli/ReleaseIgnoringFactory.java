package io.segcheck.sim.cli;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;

import java.lang.foreign.MemorySegment;

/**
 * Another project's allocator with a planted bug, for the simulator's seam tests: segcheck's own
 * allocator and design, except that every release is silently ignored (the segment stays leased).
 */
public final class ReleaseIgnoringFactory implements AllocatorFactory {

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new ForwardingOffHeapAllocator(new SegcheckAllocatorFactory().create(settings)) {
            @Override
            public void release(MemorySegment segment) {
                // planted: nothing is given back
            }
        };
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return new SegcheckAllocatorFactory().design(settings);
    }
}
