package io.segcheck.api;

/**
 * Optional: a team's page pool, bound through {@link PageFactory#pool} so segcheck can check that a
 * page given back returns its segments (the seed's removal path that never did). The page contract
 * drives it, and so do the sweep and the simulator (borrowPage, giveBack).
 */
public interface PagePoolAdapter {

    /** A live, empty page from the pool, leasing through the allocator the pool was built on. */
    PageAdapter borrow(PageDesign.DeweyIds deweyIds);

    /**
     * Gives {@code page} (one this pool lent) back: its segments go back to the allocator now, or
     * when its last guard closes; a second give-back of the same page changes nothing.
     */
    void giveBack(PageAdapter page);
}
