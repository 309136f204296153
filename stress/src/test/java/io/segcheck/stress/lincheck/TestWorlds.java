package io.segcheck.stress.lincheck;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SizeClass;

/**
 * The real allocator every Lincheck test object builds for itself (Lincheck makes one test object
 * per invocation, so nothing is shared between invocations and every run is reproducible).
 *
 * <p>Guard mode is on: a use after release throws {@link IllegalStateException} instead of silently
 * reading memory someone else owns, so a broken interleaving shows up as an exception Lincheck
 * reports. Regions are the smallest allowed (256 KiB) to keep per-invocation mapping cheap; the
 * test object's {@code @Validate} method closes the allocator so invocations do not pile up mappings.
 */
final class TestWorlds {

    /** A small quarantine: enough to delay reuse, cheap to drain. */
    static final int QUARANTINE_SLICES = 4;

    private TestWorlds() {
    }

    static OffHeapAllocator guardedAllocator() {
        return SegmentAllocators.create(guardedConfig());
    }

    static AllocatorConfig guardedConfig() {
        return AllocatorConfig.defaults()
                .withRegionBytes(SizeClass.MAX_BYTES)
                .withGuardMode(true)
                .withQuarantineSlices(QUARANTINE_SLICES);
    }
}
