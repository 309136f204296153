package io.segcheck.impl.alloc;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The address-to-region index and a region's own bounds: first and last byte, the gaps, removal. */
class RegionIndexTest {

    private static final int SLICE_BYTES = SizeClass.MIN_BYTES;
    private static final long REGION_BYTES = SizeClass.MAX_BYTES;

    @Test
    void findsTheRegionOfEveryAddressInsideAndNoneOutside() {
        try (Arena arena = Arena.ofConfined()) {
            RegionIndex index = new RegionIndex();
            Region[] regions = new Region[5];
            for (int i = 0; i < regions.length; i++) {
                MemorySegment memory = arena.allocate(REGION_BYTES, SLICE_BYTES);
                regions[i] = new Region(0, i, SLICE_BYTES, memory, arena, false);
                index.add(regions[i]);
                assertEquals(i + 1, index.size());
            }
            for (Region region : regions) {
                assertSame(region, index.find(region.baseAddress));
                assertSame(region, index.find(region.baseAddress + REGION_BYTES - 1));
                Region before = index.find(region.baseAddress - 1);
                Region after = index.find(region.baseAddress + REGION_BYTES);
                assertEquals(true, before != region && after != region, "the neighbours' addresses are not this region's");
            }
            index.remove(regions[2]);
            assertEquals(regions.length - 1, index.size());
            assertNull(index.find(regions[2].baseAddress));
            assertSame(regions[3], index.find(regions[3].baseAddress));
        }
    }

    /** Whatever order regions are added in (mmap places them anywhere), every address finds its own. */
    @Test
    void findsEveryRegionWhateverOrderTheyWereAddedIn() {
        try (Arena arena = Arena.ofConfined()) {
            Region[] regions = new Region[6];
            for (int i = 0; i < regions.length; i++) {
                regions[i] = new Region(0, i, SLICE_BYTES, arena.allocate(REGION_BYTES, SLICE_BYTES), arena, false);
            }
            for (int[] order : new int[][] {{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {2, 5, 0, 4, 1, 3}}) {
                RegionIndex index = new RegionIndex();
                for (int i : order) {
                    index.add(regions[i]);
                }
                for (Region region : regions) {
                    assertSame(region, index.find(region.baseAddress));
                    assertSame(region, index.find(region.baseAddress + REGION_BYTES / 2));
                    assertSame(region, index.find(region.baseAddress + REGION_BYTES - 1));
                }
                assertNull(index.find(0));
                assertNull(index.find(-1L));
            }
        }
    }

    @Test
    void aRegionContainsItsFirstAndLastByteAndNothingAround() {
        try (Arena arena = Arena.ofConfined()) {
            Region region = new Region(0, 0, SLICE_BYTES, arena.allocate(REGION_BYTES, SLICE_BYTES), arena, false);
            assertEquals(true, region.contains(region.baseAddress));
            assertEquals(true, region.contains(region.baseAddress + REGION_BYTES - 1));
            assertEquals(false, region.contains(region.baseAddress - 1));
            assertEquals(false, region.contains(region.baseAddress + REGION_BYTES));
            assertEquals(region.baseAddress + 3L * SLICE_BYTES, region.sliceAddress(3));
            assertEquals(region.slice(3).address(), region.sliceAddress(3));
        }
    }
}
