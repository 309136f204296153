package io.segcheck.impl.alloc;

import java.util.Arrays;

/**
 * Finds the region that holds an address in O(log regions): an immutable array of regions
 * sorted by base address, replaced as a whole (copy on write) under the map lock. Release reads
 * it without a lock.
 *
 * <p>Every lookup of an index of n regions reads the same number of slots and fields, and every
 * insertion into it the same number, wherever mmap placed the regions: the search halves a span
 * of fixed length instead of stopping at the first hit, and an insertion scans every region
 * instead of sorting. A controlled scheduler (Fray) switches threads at field and array reads, so
 * a lookup whose length depended on the address order made a seeded schedule take other switches
 * in another process (the same schedule's step count differed by 3, one search step, between two
 * JVMs).
 */
final class RegionIndex {

    private static final Region[] NONE = new Region[0];

    private volatile Region[] sorted = NONE;

    /** The region whose memory contains {@code address}, or null. */
    Region find(long address) {
        Region[] regions = sorted;
        if (regions.length == 0) {
            return null;
        }
        // The last region whose base is at or below the address: a span that shrinks by its upper
        // half each step, the same steps for every address and every placement.
        int base = 0;
        for (int span = regions.length; span > 1; ) {
            int half = span >>> 1;
            if (Long.compareUnsigned(regions[base + half].baseAddress, address) <= 0) {
                base += half;
            }
            span -= half;
        }
        // Both fields read whatever the address: a foreign address below the region skipped the
        // size read, one step fewer when the other arena's memory lay below the regions.
        Region candidate = regions[base];
        long candidateBase = candidate.baseAddress;
        long candidateBytes = candidate.regionBytes;
        boolean inside = Long.compareUnsigned(address, candidateBase) >= 0
                & Long.compareUnsigned(address - candidateBase, candidateBytes) < 0;
        return inside ? candidate : null;
    }

    /** Map lock held. */
    void add(Region region) {
        Region[] regions = sorted;
        Region[] next = new Region[regions.length + 1];
        int position = 0;
        for (Region existing : regions) { // every region read: the same reads for any placement
            if (Long.compareUnsigned(existing.baseAddress, region.baseAddress) < 0) {
                position++;
            }
        }
        System.arraycopy(regions, 0, next, 0, position);
        next[position] = region;
        System.arraycopy(regions, position, next, position + 1, regions.length - position);
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
