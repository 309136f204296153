package io.segcheck.sim.pages;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.Step;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The page simulator's steps: the page sweep's calls with the worker first, plus guards. Generation
 * is the scheduler's job ({@link PageSimulationFactory#schedule}); this catalog names the actions
 * and gives the shrinker simpler variants (every argument but the worker lowered; a failing
 * allocation lowered to 0 is no fault at all).
 *
 * <pre>
 *  openPage, borrowPage       worker deweyIds failAt
 *  writeRecord, writeDeweyId  worker page slot length fill failAt
 *  readRecord, readDeweyId    worker page slot
 *  clear, returnSegments, racingReturns, giveBack   worker page
 *  reset                      worker page failAt
 *  guard                      worker page          (a guard the worker holds)
 *  readGuarded                worker guard slot    (a read of the page under the worker's guard)
 *  closeGuard                 worker guard
 *  cachePut                   worker page key      (the page is the cache's from then on)
 *  cacheGet, cacheInvalidate  worker key
 *  runRemoval                 worker               (the oldest queued removal-listener task)
 * </pre>
 * A page counts from the newest (0), a guard from the worker's newest; {@code failAt} is which
 * allocation of the call fails (0 none).
 */
final class PageSimulationActions implements ActionCatalog {

    static final String GUARD = "guard";
    static final String READ_GUARDED = "readGuarded";
    static final String CLOSE_GUARD = "closeGuard";

    private static final List<String> NAMES = List.of(PageActions.OPEN, PageActions.BORROW, PageActions.WRITE_RECORD,
            PageActions.WRITE_DEWEY_ID, PageActions.READ_RECORD, PageActions.READ_DEWEY_ID, PageActions.CLEAR,
            PageActions.RETURN, PageActions.RACING_RETURNS, PageActions.RESET, PageActions.GIVE_BACK, GUARD,
            READ_GUARDED, CLOSE_GUARD, PageActions.CACHE_PUT, PageActions.CACHE_GET, PageActions.CACHE_INVALIDATE,
            PageActions.RUN_REMOVAL);

    @Override
    public List<String> actionNames() {
        return NAMES;
    }

    @Override
    public Step generate(String action, SplittableRandom random) {
        throw new UnsupportedOperationException("page simulation steps come from the scheduler, not per action: "
                + action);
    }

    /** Whether the last argument of {@code action} is the failing allocation. */
    static boolean carriesFault(String action) {
        return switch (action) {
            case PageActions.OPEN, PageActions.BORROW, PageActions.WRITE_RECORD, PageActions.WRITE_DEWEY_ID,
                 PageActions.RESET -> true;
            default -> false;
        };
    }

    @Override
    public String words(Step step) {
        if (step.args().isEmpty()) {
            return "";
        }
        String fault = carriesFault(step.action()) && step.arg(step.args().size() - 1) > 0
                ? " allocation " + step.arg(step.args().size() - 1) + " of the call fails" : "";
        return "worker=" + step.arg(0) + fault;
    }

    @Override
    public List<Step> simplerVariants(Step step) {
        return PageActions.simplerVariants(step, 1, 3); // the worker (argument 0) stays
    }
}
