package io.segcheck.api;

/**
 * Optional: a team's page pool, bound so segcheck can check that a returned page gives its segments
 * back (the seed's pool that dropped returned pages). Not yet driven by any checker; a sketch of the
 * seam the sweep and the simulator will take.
 */
public interface PagePoolAdapter {

    /** A live, empty page from the pool, leasing through the allocator the pool was built on. */
    PageAdapter borrow(PageDesign.DeweyIds deweyIds);

    /** Gives {@code page} back: its segments go back to the allocator now, or when its last guard closes. */
    void giveBack(PageAdapter page);
}
