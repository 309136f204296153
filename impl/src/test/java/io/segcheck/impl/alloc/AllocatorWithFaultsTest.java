package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The platform's allocator with a fault hook but no defects: the mmap allocator on Linux, working. */
@EnabledOnOs(OS.LINUX)
class AllocatorWithFaultsTest {

    @Test
    void theFaultHookedAllocatorIsTheMmapOneAndLeases() {
        try (OffHeapAllocator allocator = SegmentAllocators.create(AllocatorConfig.defaults(), Faults.none())) {
            assertInstanceOf(MmapSegmentAllocator.class, allocator);
            MemorySegment segment = allocator.allocate(SizeClass.MIN_BYTES);
            assertEquals(SizeClass.MIN_BYTES, segment.byteSize());
            allocator.release(segment);
        }
    }
}
