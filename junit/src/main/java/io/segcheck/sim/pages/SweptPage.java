package io.segcheck.sim.pages;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.model.page.ExpectedPage;

/**
 * One page of a page world: the adapter, what the page-design model expects of it (returned or
 * not, what each slot must read), and what the world did with it (lent by the pool, given back,
 * guarded, put in the cache).
 */
final class SweptPage {

    private final PageAdapter adapter;
    private final ExpectedPage expected;
    private final boolean borrowed;
    private boolean givenBack;
    /** Put in the factory's cache: the cache's from then on, so the world calls it no more. */
    private boolean cached;
    /** Guards the simulator holds open on this page. */
    private int openGuards;

    SweptPage(PageAdapter adapter, ExpectedPage expected, boolean borrowed) {
        this.adapter = adapter;
        this.expected = expected;
        this.borrowed = borrowed;
    }

    /** Lent by the pool, and not given back yet. */
    boolean lent() {
        return borrowed && !givenBack;
    }

    /** Given back to its pool: the pool's now (it may lend it again), so nothing judges it further. */
    boolean givenBack() {
        return givenBack;
    }

    void markGivenBack() {
        givenBack = true;
    }

    boolean cached() {
        return cached;
    }

    void markCached() {
        cached = true;
    }

    /** Whether a guard is open on it: a pool may keep a guarded page's segments until its last guard closes. */
    boolean guarded() {
        return openGuards > 0;
    }

    void guardOpened() {
        openGuards++;
    }

    void guardClosed() {
        openGuards--;
    }

    String name() {
        return expected.name();
    }

    PageAdapter adapter() {
        return adapter;
    }

    ExpectedPage expected() {
        return expected;
    }

    boolean keepsDeweyIds() {
        return expected.keepsDeweyIds();
    }

    PageDesign.DeweyIds deweyIds() {
        return expected.deweyIds();
    }

    boolean returned() {
        return expected.returned();
    }
}
