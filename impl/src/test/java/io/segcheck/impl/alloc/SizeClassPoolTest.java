package io.segcheck.impl.alloc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order in which a fresh region's slices are handed out. */
class SizeClassPoolTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 12, 16, 64, 1024})
    void spreadStrideVisitsEverySliceOnce(int count) {
        int stride = SizeClassPool.spreadStride(count);
        BitSet seen = new BitSet(count);
        for (int k = 0; k < count; k++) {
            seen.set((int) ((long) k * stride % count));
        }
        assertEquals(count, seen.cardinality(), "count=" + count + " stride=" + stride);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 1024})
    void firstTwoSlicesOfAFreshRegionAreAtLeastAThirdOfItApart(int count) {
        int stride = SizeClassPool.spreadStride(count);
        int distance = Math.min(stride, count - stride);
        assertTrue(distance >= count / 3, "count=" + count + " stride=" + stride);
    }
}
