package io.segcheck.sim.world;

import java.util.EnumSet;
import java.util.Set;

/**
 * How much of the real system a world binds: the allocator alone (raw leases and misuse of them),
 * or the whole system (allocator, pool, pages, guards and both caches).
 */
public enum Coverage {
    /** Only the allocator: no pool or caches are built and only raw-lease actions are drawn. */
    ALLOCATOR(AllocatorBinding.ACTIONS),
    /** The allocator, the pool and its pages, guards and both page caches. */
    SYSTEM(EnumSet.allOf(Action.class));

    private final Set<Action> actions;

    Coverage(Set<Action> actions) {
        this.actions = Set.copyOf(actions);
    }

    /** The actions a world of this coverage can apply. */
    Set<Action> actions() {
        return actions;
    }

    boolean hasPages() {
        return this == SYSTEM;
    }
}
