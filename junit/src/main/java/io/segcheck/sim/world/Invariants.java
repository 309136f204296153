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
        world.model.checkAllocator(AllocatorSnapshot.of(world.allocator.stats(), world.design));
        findings.takeFrom(world.model);
        if (!world.system.poisonViolations().isEmpty()) {
            findings.report(ViolationKind.USE_AFTER_RELEASE, "guard mode found a write after release when a slice"
                    + " left quarantine: " + world.system.poisonViolations().getFirst().getMessage());
        }
    }
}
