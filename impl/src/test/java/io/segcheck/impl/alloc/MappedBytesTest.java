package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The mapped-bytes counter that also answers after close: one region while leasing, none after close. */
class MappedBytesTest {

    @Test
    void oneRegionIsMappedWhileLeasingAndNoneAfterClose() {
        AllocatorConfig config = AllocatorConfig.defaults().withRegionBytes(SizeClass.MAX_BYTES);
        OffHeapAllocator allocator = SegmentAllocators.create(config);
        PooledSegmentAllocator pooled = assertInstanceOf(PooledSegmentAllocator.class, allocator);
        assertEquals(0, pooled.mappedBytes());
        allocator.release(allocator.allocate(SizeClass.MIN_BYTES));
        assertEquals(SizeClass.MAX_BYTES, pooled.mappedBytes());
        assertEquals(pooled.mappedBytes(), allocator.stats().mappedBytes());
        allocator.close();
        assertEquals(0, pooled.mappedBytes());
    }
}
