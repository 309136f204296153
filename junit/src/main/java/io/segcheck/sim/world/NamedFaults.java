package io.segcheck.sim.world;

/**
 * Decides whether a fault site an allocator declared by name ({@code AllocatorFactory#faultSiteNames})
 * fails now: the simulator's seeded decisions, or none.
 */
@FunctionalInterface
public interface NamedFaults {

    /** Whether the named site {@code site} fails at this chance. */
    boolean fire(String site);

    /** No named site ever fails. */
    static NamedFaults none() {
        return site -> false;
    }
}
