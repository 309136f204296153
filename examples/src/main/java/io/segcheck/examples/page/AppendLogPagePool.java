package io.segcheck.examples.page;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;

/**
 * The example team's page pool: a page given back returns its segments at once and waits, empty,
 * to be lent again with fresh segments ({@link AppendLogPage#reuse()}). Giving back a page twice
 * changes nothing. Thread-safe: every method holds the pool's monitor.
 *
 * <p>Planted ({@link PageVariant#POOL_DROPS_GIVEN_BACK_PAGES}): a page given back is forgotten
 * without returning its segments, like the seed's removal path that never returned them.
 */
public final class AppendLogPagePool {

    private final PageVariant variant;
    private final Deque<AppendLogPage> idle = new ArrayDeque<>();
    private final Set<AppendLogPage> idleSet = Collections.newSetFromMap(new IdentityHashMap<>());

    public AppendLogPagePool(PageVariant variant) {
        this.variant = variant;
    }

    /** An idle page of the same layout made live again, or a new one. */
    public synchronized AppendLogPage borrow(boolean keepsDeweyIds, boolean sharesSegment) {
        for (Iterator<AppendLogPage> pages = idle.iterator(); pages.hasNext(); ) {
            AppendLogPage page = pages.next();
            if (page.keepsDeweyIds() == keepsDeweyIds && page.sharesSegment() == sharesSegment) {
                pages.remove();
                idleSet.remove(page);
                page.reuse();
                return page;
            }
        }
        return new AppendLogPage(keepsDeweyIds, sharesSegment,
                variant == PageVariant.POOL_DROPS_GIVEN_BACK_PAGES ? PageVariant.CORRECT : variant);
    }

    /** Returns {@code page}'s segments and keeps it for the next borrow; a page already idle is left alone. */
    public synchronized void giveBack(AppendLogPage page) {
        if (idleSet.contains(page)) {
            return;
        }
        if (variant == PageVariant.POOL_DROPS_GIVEN_BACK_PAGES) {
            return; // PLANTED: forgotten, its segments never returned
        }
        page.returnSegmentsToAllocator();
        idle.add(page);
        idleSet.add(page);
    }
}
