package io.segcheck.model;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorStats;

import java.util.Arrays;

/**
 * The real allocator's counters as the binding observed them, in model terms (the model does not
 * depend on {@code impl}). A counter the allocator does not report is {@link #UNKNOWN} (a whole
 * array: null), and the model skips it.
 *
 * @param mappedBytes bytes currently mapped, or -1 (unknown)
 * @param leasedPerClass leased segments per declared class, smallest class first; -1 where unknown
 * @param mappedRegionsPerClass mapped regions per class, smallest class first
 * @param leasedBytes bytes currently leased, or {@link #UNKNOWN}
 * @param highWaterBytes the most bytes ever leased at once, or {@link #UNKNOWN}
 * @param freeSlicesPerClass slices ready to lease per class, or null
 * @param quarantinedPerClass slices waiting in quarantine per class, or null
 */
public record AllocatorSnapshot(long mappedBytes, long[] leasedPerClass, long[] mappedRegionsPerClass,
                                long leasedBytes, long highWaterBytes, long[] freeSlicesPerClass,
                                long[] quarantinedPerClass) {

    /** A counter the allocator does not report. */
    public static final long UNKNOWN = -1L;

    public AllocatorSnapshot {
        requireClasses(mappedRegionsPerClass, leasedPerClass.length, "mappedRegionsPerClass");
        leasedPerClass = leasedPerClass.clone();
        mappedRegionsPerClass = mappedRegionsPerClass.clone();
        freeSlicesPerClass = freeSlicesPerClass == null ? null : requireClasses(freeSlicesPerClass, leasedPerClass.length, "freeSlicesPerClass").clone();
        quarantinedPerClass = quarantinedPerClass == null ? null
                : requireClasses(quarantinedPerClass, leasedPerClass.length, "quarantinedPerClass").clone();
    }

    /** Only the counters every allocator reports. */
    public AllocatorSnapshot(long mappedBytes, long[] leasedPerClass, long[] mappedRegionsPerClass) {
        this(mappedBytes, leasedPerClass, mappedRegionsPerClass, UNKNOWN, UNKNOWN, null, null);
    }

    /**
     * Every counter of {@code stats} in model terms, one entry per declared class of {@code design},
     * matched by size; a field or class the allocator reports as UNKNOWN (or not at all) stays unknown.
     */
    public static AllocatorSnapshot of(AllocatorStats stats, AllocatorDesign design) {
        int classes = design.sizeClassesBytes().size();
        long[] leased = unknowns(classes);
        long[] regions = unknowns(classes);
        long[] free = unknowns(classes);
        long[] quarantined = unknowns(classes);
        for (AllocatorStats.ClassStats classStats : stats.classes()) {
            int index = design.classIndexOfSize(classStats.sizeBytes());
            if (index >= 0) {
                leased[index] = classStats.leasedSegments();
                regions[index] = classStats.mappedRegions();
                free[index] = classStats.freeSlices();
                quarantined[index] = classStats.quarantinedSlices();
            }
        }
        return new AllocatorSnapshot(stats.mappedBytes(), leased, regions, stats.leasedBytes(), stats.highWaterBytes(),
                free, quarantined);
    }

    /** The same counters with the high-water mark unknown: for a concurrent run, whose peak depends on the interleaving. */
    public AllocatorSnapshot withoutHighWater() {
        return new AllocatorSnapshot(mappedBytes, leasedPerClass, mappedRegionsPerClass, leasedBytes, UNKNOWN,
                freeSlicesPerClass, quarantinedPerClass);
    }

    private static long[] unknowns(int classes) {
        long[] values = new long[classes];
        Arrays.fill(values, UNKNOWN);
        return values;
    }

    /** One count per declared class, as many as {@code leasedPerClass} has. */
    private static long[] requireClasses(long[] perClass, int classes, String name) {
        if (perClass.length != classes) {
            throw new IllegalArgumentException(name + ".length=" + perClass.length + " expected=" + classes);
        }
        return perClass;
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
                && leasedBytes == that.leasedBytes && highWaterBytes == that.highWaterBytes
                && Arrays.equals(leasedPerClass, that.leasedPerClass)
                && Arrays.equals(mappedRegionsPerClass, that.mappedRegionsPerClass)
                && Arrays.equals(freeSlicesPerClass, that.freeSlicesPerClass)
                && Arrays.equals(quarantinedPerClass, that.quarantinedPerClass);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mappedBytes) * 31 + Arrays.hashCode(leasedPerClass) * 17
                + Arrays.hashCode(mappedRegionsPerClass) + Long.hashCode(leasedBytes);
    }

    @Override
    public String toString() {
        return "AllocatorSnapshot[mappedBytes=" + mappedBytes + " leased=" + Arrays.toString(leasedPerClass)
                + " mappedRegions=" + Arrays.toString(mappedRegionsPerClass) + " leasedBytes=" + leasedBytes
                + " highWaterBytes=" + highWaterBytes + " free=" + Arrays.toString(freeSlicesPerClass)
                + " quarantined=" + Arrays.toString(quarantinedPerClass) + "]";
    }
}
