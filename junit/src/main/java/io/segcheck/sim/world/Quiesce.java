package io.segcheck.sim.world;

import io.segcheck.api.AllocatorStats;
import io.segcheck.model.ViolationKind;

/**
 * The end of a run: empty the caches, close every guard, return every page, release every raw
 * lease, clear the pools; then every invariant holds and the allocator leases nothing. The
 * page and cache phases run only when the world has a pool; an allocator checked alone is closed
 * last, and a call of each kind after close must be refused as closed.
 */
final class Quiesce {

    private final StepScope scope;
    private final Invariants invariants;
    private final AllocatorBinding allocator;
    /** segcheck's own pool, pages and caches on the allocator; empties them first. */
    private final SystemLayer system;

    Quiesce(StepScope scope, Invariants invariants, AllocatorBinding allocator) {
        this.scope = scope;
        this.invariants = invariants;
        this.allocator = allocator;
        this.system = scope.world.system;
    }

    void run(int stepIndex) {
        scope.world.faults.disable(); // the quiesce phase runs without faults
        if (scope.findings.any()) {
            return;
        }
        if (scope.world.allocatorClosed) {
            scope.begin(stepIndex);
            scope.noop(); // the close step already checked that nothing stays mapped
            if (scope.world.lockstep() && scope.world.hasPool()) {
                system.quiesceAfterClose();
            }
            return;
        }
        if (system.buildFailure() != null) {
            if (scope.world.lockstep()) {
                scope.begin(stepIndex);
                checkNothingLeased(); // no pool was built; the constructor's leases must not linger either
            }
            return;
        }
        scope.begin(stepIndex);
        if (scope.world.hasPool()) {
            system.quiesceBeforeRelease(); // invalidate every cache, run queued tasks, close guards, return pages
        }
        allocator.releaseAll();
        if (scope.world.hasPool()) {
            system.quiesceAfterRelease(); // clear the pools, run queued tasks
        }
        if (scope.world.lockstep() && !scope.findings.any()) {
            invariants.checkAll(stepIndex, scope.touchedPages, true);
            checkNothingLeased();
            if (scope.world.hasPool()) {
                system.checkNothingPending();
            }
        }
        if (scope.world.coverage == Coverage.ALLOCATOR && !scope.findings.any()) {
            allocator.closeAndCallAfter(); // the allocator alone ends closed: close, then calls refused as closed
        }
    }

    private void checkNothingLeased() {
        AllocatorStats stats = scope.world.allocator.stats();
        if (stats.leasedSegments() != 0) {
            StringBuilder perClass = new StringBuilder();
            for (AllocatorStats.ClassStats classStats : stats.classes()) {
                if (classStats.leasedSegments() > 0) {
                    perClass.append(' ').append(classStats.sizeBytes()).append("B=").append(classStats.leasedSegments());
                }
            }
            scope.findings.report(ViolationKind.LEAK, "after quiesce (invalidate all, close all guards, return all pages,"
                    + " release all raw leases, clear pools) the allocator still leases " + stats.leasedSegments()
                    + " segments:" + perClass);
        }
    }
}
