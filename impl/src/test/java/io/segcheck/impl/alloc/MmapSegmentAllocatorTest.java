package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.kit.OffHeapAllocatorContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The contract kit against segcheck's allocator through its public factory: mmap on Linux. */
@EnabledOnOs(OS.LINUX)
class MmapSegmentAllocatorTest extends OffHeapAllocatorContract {

    @Override
    protected AllocatorFactory factory() {
        return new SegcheckAllocatorFactory();
    }

    @Test
    void factoryPicksMmapOnLinux() {
        try (OffHeapAllocator allocator = factory().create(settings())) {
            assertInstanceOf(MmapSegmentAllocator.class, allocator);
        }
    }
}
