package io.segcheck.fray.scenario;

import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.world.ResultTokens;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a run, as the world's quiesce does it: every guard closed, the cache emptied and its
 * listener runs done, every page returned, every raw lease released, the pool cleared. Then
 * nothing may stay leased, and the listener must have failed nowhere.
 */
final class Quiesce {

    private Quiesce() {
    }

    static void run(RealSystem system, History history, Lane init, List<Lane> lanes) {
        system.listener.stopRecording();
        List<Lane> all = new ArrayList<>(lanes);
        all.add(0, init);
        for (Lane lane : all) {
            for (PageGuard guard : lane.guards) {
                attempt(history, "closing a guard", guard::close);
            }
        }
        attempt(history, "invalidateAll", system.cache::invalidateAll);
        attempt(history, "cleanUp", system.cache::cleanUp);
        system.listener.drainHere();
        for (KeyValueLeafPage page : OwnershipCheck.pages(all)) {
            returnPage(system, history, page);
        }
        for (Lane lane : all) {
            for (Lane.RawLease lease : lane.raw) {
                if (!lease.released) {
                    attempt(history, "releasing a raw lease of " + lane.laneName(), () -> system.allocator.release(lease.segment));
                }
            }
        }
        attempt(history, "clearAllPagePools", system.pool::clearAllPagePools);
        system.listener.drainHere();
        long leased = system.allocator.stats().leasedSegments();
        if (leased != 0) {
            history.broken(leased > 0 ? ViolationKind.LEAK : ViolationKind.DOUBLE_RELEASE,
                    "after quiesce leasedSegments=" + leased + " (expected 0)");
        }
        if (!system.cache.listenerFailures().isEmpty()) {
            history.broken(ViolationKind.UNEXPECTED_ERROR, "the removal listener failed: "
                    + system.cache.listenerFailures());
        }
    }

    /** A page returned twice must be a no-op: a refused release inside it means its segments were freed twice. */
    private static void returnPage(RealSystem system, History history, KeyValueLeafPage page) {
        try {
            system.pool.returnPage(page);
        } catch (SegmentOwnershipException refused) {
            history.broken(ViolationKind.DOUBLE_RELEASE, "quiesce: returning " + page + " was refused: " + refused.getMessage());
        } catch (RuntimeException | AssertionError failure) {
            if (!ResultTokens.isApiError(failure)) {
                history.broken(ViolationKind.UNEXPECTED_ERROR, "quiesce: returning " + page + " threw " + failure);
            }
        }
    }

    /** A typed refusal is fine here (a guard closed twice, a page returned before); anything else is a finding. */
    private static void attempt(History history, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError failure) {
            if (!ResultTokens.isApiError(failure)) {
                history.broken(ViolationKind.UNEXPECTED_ERROR, "quiesce: " + what + " threw " + failure);
            }
        }
    }
}
