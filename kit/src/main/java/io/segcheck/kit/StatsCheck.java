package io.segcheck.kit;

import io.segcheck.api.AllocatorStats;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares stats snapshots field by field, skipping every field either side reports as
 * {@link AllocatorStats#UNKNOWN}, so an allocator that tracks only some counters is checked on
 * those and a mismatch names the field rather than dumping two whole records.
 */
public final class StatsCheck {

    private StatsCheck() {
    }

    /** Fails naming every known field of {@code after} that differs from {@code before}. */
    public static void assertUnchanged(AllocatorStats before, AllocatorStats after, String what) {
        List<String> differences = new ArrayList<>();
        compare(differences, "mappedBytes", before.mappedBytes(), after.mappedBytes());
        compare(differences, "budgetBytes", before.budgetBytes(), after.budgetBytes());
        compare(differences, "leasedSegments", before.leasedSegments(), after.leasedSegments());
        compare(differences, "leasedBytes", before.leasedBytes(), after.leasedBytes());
        compare(differences, "highWaterBytes", before.highWaterBytes(), after.highWaterBytes());
        int classes = Math.min(before.classes().size(), after.classes().size());
        if (before.classes().size() != after.classes().size()) {
            differences.add("classes.size " + before.classes().size() + " -> " + after.classes().size());
        }
        for (int index = 0; index < classes; index++) {
            AllocatorStats.ClassStats left = before.classes().get(index);
            AllocatorStats.ClassStats right = after.classes().get(index);
            String prefix = "class[" + left.sizeBytes() + "].";
            compare(differences, prefix + "leasedSegments", left.leasedSegments(), right.leasedSegments());
            compare(differences, prefix + "freeSlices", left.freeSlices(), right.freeSlices());
            compare(differences, prefix + "quarantinedSlices", left.quarantinedSlices(), right.quarantinedSlices());
            compare(differences, prefix + "mappedRegions", left.mappedRegions(), right.mappedRegions());
        }
        if (!differences.isEmpty()) {
            fail(what + " changed the stats: " + String.join(", ", differences));
        }
    }

    /** Fails when {@code actual} is known and differs from {@code expected}. */
    public static void assertField(String field, long expected, long actual) {
        if (actual != AllocatorStats.UNKNOWN && actual != expected) {
            fail("stats field " + field + "=" + actual + ", expected " + expected);
        }
    }

    /** The stats of class {@code sizeBytes}, or null when the allocator does not report per-class stats. */
    public static AllocatorStats.ClassStats classStats(AllocatorStats stats, int sizeBytes) {
        for (AllocatorStats.ClassStats classStats : stats.classes()) {
            if (classStats.sizeBytes() == sizeBytes) {
                return classStats;
            }
        }
        return null;
    }

    private static void compare(List<String> differences, String field, long before, long after) {
        if (before != AllocatorStats.UNKNOWN && after != AllocatorStats.UNKNOWN && before != after) {
            differences.add(field + " " + before + " -> " + after);
        }
    }
}
