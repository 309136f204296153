package io.segcheck.impl.page;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SizeClass;

/** The real allocators the page tests run against; guard mode on unless a test says otherwise. */
public final class TestAllocators {

    private TestAllocators() {
    }

    /** Guard mode, default budget. */
    public static OffHeapAllocator guarded() {
        return create(AllocatorConfig.defaults().withGuardMode(true));
    }

    /** Guard mode with a budget of one 256 KiB region, so a second size class exhausts it. */
    public static OffHeapAllocator guardedOneRegion() {
        return create(AllocatorConfig.defaults().withGuardMode(true)
                .withRegionBytes(SizeClass.MAX_BYTES).withBudgetBytes(SizeClass.MAX_BYTES));
    }

    /** No guard mode and small regions, so a released slice is leased again at once. */
    public static OffHeapAllocator unguardedSmallRegions() {
        return create(AllocatorConfig.defaults().withRegionBytes(SizeClass.MAX_BYTES));
    }

    public static OffHeapAllocator create(AllocatorConfig config) {
        return SegmentAllocators.create(config);
    }
}
