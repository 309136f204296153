package com.example.slab;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;

import java.util.List;
import java.util.Locale;

/**
 * {@link SlabAllocator} as declared to segcheck: its slab sizes, zeroed slabs, typed refusals, a byte
 * budget, a closed state and per-slab arenas (a slab given back cannot be read). The bug planted by
 * {@code -Dconsumer.plant=double-release} (or {@code racy-release}) is read when an allocator is made.
 */
public class SlabAllocatorFactory implements AllocatorFactory {

    static final List<Integer> SLAB_SIZES = List.of(256, 4096, 65536);

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new SlabAllocator(SLAB_SIZES, settings.budgetBytes(), plant());
    }

    static SlabAllocator.Plant plant() {
        String plant = System.getProperty("consumer.plant", "none");
        return SlabAllocator.Plant.valueOf(plant.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(SLAB_SIZES)
                .zeroed(true)
                .rejectedRelease(AllocatorDesign.RejectedRelease.TYPED_EXCEPTION)
                .accounting(new AllocatorDesign.Accounting.ByteBudget(settings.budgetBytes()))
                .closedState(true)
                .guardViews(true)
                .viewRelease(AllocatorDesign.ViewRelease.REFUSED)
                .build();
    }

    @Override
    public String name() {
        return "slab";
    }
}
