package io.segcheck.model;

import java.util.Arrays;

/**
 * The real allocator's counters as the binding observed them, in model terms (the model does not
 * depend on {@code impl}).
 *
 * @param mappedBytes bytes currently mapped, or -1 (unknown)
 * @param leasedPerClass leased segments per declared class, smallest class first; -1 where unknown
 * @param mappedRegionsPerClass mapped regions per class, smallest class first
 */
public record AllocatorSnapshot(long mappedBytes, long[] leasedPerClass, long[] mappedRegionsPerClass) {

    public AllocatorSnapshot {
        if (leasedPerClass.length != mappedRegionsPerClass.length) {
            throw new IllegalArgumentException("classes=" + leasedPerClass.length + "/" + mappedRegionsPerClass.length
                    + ": one count per declared class in both arrays");
        }
        leasedPerClass = leasedPerClass.clone();
        mappedRegionsPerClass = mappedRegionsPerClass.clone();
    }

    public long leasedSegments(int classIndex) {
        return leasedPerClass[classIndex];
    }

    public long mappedRegions(int classIndex) {
        return mappedRegionsPerClass[classIndex];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllocatorSnapshot that && mappedBytes == that.mappedBytes
                && Arrays.equals(leasedPerClass, that.leasedPerClass)
                && Arrays.equals(mappedRegionsPerClass, that.mappedRegionsPerClass);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mappedBytes) * 31 + Arrays.hashCode(leasedPerClass) * 17
                + Arrays.hashCode(mappedRegionsPerClass);
    }

    @Override
    public String toString() {
        return "AllocatorSnapshot[mappedBytes=" + mappedBytes + " leased=" + Arrays.toString(leasedPerClass)
                + " mappedRegions=" + Arrays.toString(mappedRegionsPerClass) + "]";
    }
}
