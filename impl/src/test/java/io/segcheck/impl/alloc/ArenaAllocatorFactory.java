package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;

/**
 * The portable arena-backed allocator with segcheck's declared design; public with a no-argument
 * constructor because the kit rebuilds it by name in forked JVMs.
 */
public final class ArenaAllocatorFactory implements AllocatorFactory {

    private final SegcheckAllocatorFactory declared = new SegcheckAllocatorFactory();

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new ArenaSegmentAllocator(declared.config(settings));
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return declared.design(settings);
    }
}
