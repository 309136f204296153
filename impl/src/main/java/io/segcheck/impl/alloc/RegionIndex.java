package io.segcheck.impl.alloc;

import java.util.Arrays;

/**
 * Finds the region that holds an address in O(log regions): an immutable array of regions
 * sorted by base address, replaced as a whole (copy on write) under the map lock. Release reads
 * it without a lock.
 */
final class RegionIndex {

    private static final Region[] NONE = new Region[0];

    private volatile Region[] sorted = NONE;

    /** The region whose memory contains {@code address}, or null. */
    Region find(long address) {
        Region[] regions = sorted;
        int low = 0;
        int high = regions.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Region region = regions[middle];
            if (address < region.baseAddress) {
                high = middle - 1;
            } else if (address - region.baseAddress >= region.regionBytes) {
                low = middle + 1;
            } else {
                return region;
            }
        }
        return null;
    }

    /** Map lock held. */
    void add(Region region) {
        Region[] next = Arrays.copyOf(sorted, sorted.length + 1);
        next[next.length - 1] = region;
        Arrays.sort(next, (left, right) -> Long.compareUnsigned(left.baseAddress, right.baseAddress));
        sorted = next;
    }

    /** Map lock held. */
    void remove(Region region) {
        sorted = Arrays.stream(sorted).filter(candidate -> candidate != region).toArray(Region[]::new);
    }

    int size() {
        return sorted.length;
    }
}
