package io.segcheck.sim.cli;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;

import java.util.List;

/** A factory declaring one 4 KiB class, so it cannot carry segcheck's pages; for the binding tests. */
public final class OneClassFactory implements AllocatorFactory {

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new SegcheckAllocatorFactory().create(settings);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(List.of(4096)).build();
    }
}
