package io.segcheck.api;

import java.util.List;

/**
 * A snapshot of an allocator's counters. Records compare by value, so a test can assert that a
 * rejected call left the stats unchanged with one {@code assertEquals}. An allocator that does not
 * track a field reports {@link #UNKNOWN} for it, and checkers skip that field.
 *
 * @param mappedBytes bytes currently mapped in regions
 * @param budgetBytes the configured budget
 * @param leasedSegments segments currently leased
 * @param leasedBytes bytes currently leased
 * @param highWaterBytes the most bytes ever leased at once
 * @param classes per size class, smallest first
 */
public record AllocatorStats(long mappedBytes, long budgetBytes, long leasedSegments, long leasedBytes,
                             long highWaterBytes, List<ClassStats> classes) {

    /** The value of a counter the allocator does not track. */
    public static final long UNKNOWN = -1L;

    public AllocatorStats {
        classes = List.copyOf(classes);
    }

    /**
     * Counters of one size class.
     *
     * @param sizeBytes the class size
     * @param leasedSegments slices of this class currently leased
     * @param freeSlices slices of this class mapped and ready to lease (not counting quarantine)
     * @param quarantinedSlices slices released and waiting in quarantine (guard mode)
     * @param mappedRegions regions of this class currently mapped
     */
    public record ClassStats(int sizeBytes, long leasedSegments, long freeSlices, long quarantinedSlices,
                             long mappedRegions) {
    }
}
