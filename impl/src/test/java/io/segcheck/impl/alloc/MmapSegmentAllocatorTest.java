package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The allocator contract against the mmap allocator (Linux only). */
@EnabledOnOs(OS.LINUX)
class MmapSegmentAllocatorTest extends SegmentAllocatorContract {

    @Override
    OffHeapAllocator newAllocator(AllocatorConfig config) {
        return new MmapSegmentAllocator(config);
    }

    @Test
    void factoryPicksMmapOnLinux() {
        try (OffHeapAllocator allocator = SegmentAllocators.create(AllocatorConfig.defaults())) {
            assertInstanceOf(MmapSegmentAllocator.class, allocator);
        }
    }
}
