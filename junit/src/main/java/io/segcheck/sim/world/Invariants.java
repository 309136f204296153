package io.segcheck.sim.world;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorStats;
import io.segcheck.model.AllocatorSnapshot;
import io.segcheck.model.ViolationKind;

import java.util.Set;

/**
 * The comparisons after every step, in the order a reader would want the first failure: the
 * allocator's counters (and guard mode's poison reports), then whatever segcheck's own system on
 * the allocator compares ({@link SystemLayer#checkStep}: pool, pages, caches).
 */
final class Invariants {

    private final World world;
    private final Findings findings;

    Invariants(World world, Findings findings) {
        this.world = world;
        this.findings = findings;
    }

    /**
     * Every check after a step; {@code touchedPages} are the page ids the step's calls named, and
     * {@code everything} forces reading every page (quiesce).
     */
    void checkAll(int stepIndex, Set<Integer> touchedPages, boolean everything) {
        checkAllocator();
        if (world.hasPool()) {
            world.system.checkStep(stepIndex, touchedPages, everything, findings);
        }
    }

    void checkAllocator() {
        world.model.checkAllocator(snapshot(world.allocator.stats(), world.design));
        findings.takeFrom(world.model);
        if (!world.system.poisonViolations().isEmpty()) {
            findings.report(ViolationKind.USE_AFTER_RELEASE, "guard mode found a write after release when a slice"
                    + " left quarantine: " + world.system.poisonViolations().getFirst().getMessage());
        }
    }

    /**
     * Every counter of {@code stats} in model terms, one entry per declared class, matched by size; a
     * field or class the allocator reports as UNKNOWN (or not at all) stays unknown to the model.
     */
    static AllocatorSnapshot snapshot(AllocatorStats stats, AllocatorDesign design) {
        int classes = design.sizeClassesBytes().size();
        long[] leased = new long[classes];
        long[] regions = new long[classes];
        long[] free = new long[classes];
        long[] quarantined = new long[classes];
        java.util.Arrays.fill(leased, AllocatorStats.UNKNOWN);
        java.util.Arrays.fill(regions, AllocatorStats.UNKNOWN);
        java.util.Arrays.fill(free, AllocatorStats.UNKNOWN);
        java.util.Arrays.fill(quarantined, AllocatorStats.UNKNOWN);
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
}
