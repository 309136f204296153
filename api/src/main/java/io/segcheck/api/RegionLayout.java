package io.segcheck.api;

/**
 * An allocator that tells where its regions are, so a checker can see which mapped region is fully
 * free (no slice leased or quarantined) instead of inferring it from counts: with two regions and
 * five leases all in the first, the counts say nothing, yet the second is fully free and must be
 * unmapped before the allocator may report exhaustion.
 */
public interface RegionLayout {

    /** The base addresses of the regions of the size class of {@code sizeBytes} mapped now. */
    long[] mappedRegionBases(int sizeBytes);

    /** The bytes of each region. */
    long regionBytes();
}
