package io.segcheck.sim.world;

import java.util.List;

/**
 * The action vocabulary of the sequence world: every call of the real API, each with the roles
 * of its integer arguments (which decide how an argument is drawn and how it shrinks).
 *
 * <p>Page, guard and raw-segment arguments are raw numbers taken modulo the current population
 * when the step runs, counted from the newest ({@code 0} is the most recent), so shrinking can
 * turn a step into a no-op but never into an invalid one.
 */
enum Action {
    ALLOCATE("allocate", ArgRole.SIZE),
    RELEASE("release", ArgRole.INDEX),
    RELEASE_FOREIGN("releaseForeign", ArgRole.FOREIGN_KIND, ArgRole.INDEX),
    RELEASE_ALIAS("releaseAlias", ArgRole.ALIAS_KIND, ArgRole.INDEX),
    BORROW("borrow", ArgRole.SIZE, ArgRole.FLAG),
    SET_SLOT("setSlot", ArgRole.INDEX, ArgRole.SLOT, ArgRole.LENGTH, ArgRole.FILL),
    GET_SLOT("getSlot", ArgRole.INDEX, ArgRole.SLOT),
    SET_DEWEY_ID("setDeweyId", ArgRole.INDEX, ArgRole.SLOT, ArgRole.LENGTH, ArgRole.FILL),
    GET_DEWEY_ID("getDeweyId", ArgRole.INDEX, ArgRole.SLOT),
    RETURN_SEGMENTS("returnSegments", ArgRole.INDEX),
    RETURN_PAGE("returnPage", ArgRole.INDEX),
    CLEAR("clear", ArgRole.INDEX),
    RESET_FOR_REUSE("resetForReuse", ArgRole.INDEX, ArgRole.SIZE, ArgRole.FLAG),
    GUARD("guard", ArgRole.INDEX),
    CLOSE_GUARD("closeGuard", ArgRole.INDEX),
    PUT("put", ArgRole.CACHE, ArgRole.KEY, ArgRole.INDEX),
    GET_AND_GUARD("getAndGuard", ArgRole.CACHE, ArgRole.KEY),
    INVALIDATE("invalidate", ArgRole.CACHE, ArgRole.KEY),
    INVALIDATE_ALL("invalidateAll", ArgRole.CACHE),
    CLEAN_UP("cleanUp", ArgRole.CACHE),
    TICK("tick", ArgRole.SECONDS),
    CLEAR_ALL_PAGE_POOLS("clearAllPagePools"),
    MISUSE_PAGE_MEMORY("misusePageMemory", ArgRole.PAGE_MISUSE_KIND, ArgRole.INDEX);

    /** What an argument means; decides its distribution and how it shrinks. */
    enum ArgRole {
        /** A page, guard or raw segment, modulo the population. */
        INDEX,
        /** An allocation request in bytes (sometimes a bad one). */
        SIZE,
        /** A payload length; -1 means null data. */
        LENGTH,
        /** A slot number (sometimes out of range). */
        SLOT,
        /** Which payload bytes. */
        FILL,
        /** 0 or 1. */
        FLAG,
        /** A cache key. */
        KEY,
        /** Which of the two caches. */
        CACHE,
        /** Seconds the fake ticker advances. */
        SECONDS,
        /** 0 another arena's segment, 1 a sub-slice of a raw lease, 2 a heap segment. */
        FOREIGN_KIND,
        /** A same-address view of a live raw lease: 0 {@code asSlice(0)}, 1 {@code asReadOnly()}, 2 {@code reinterpret}. */
        ALIAS_KIND,
        /** 0 release a page's read-only view raw, 1 reset a page with another page's view. */
        PAGE_MISUSE_KIND
    }

    private final String actionName;
    private final List<ArgRole> roles;

    Action(String actionName, ArgRole... roles) {
        this.actionName = actionName;
        this.roles = List.of(roles);
    }

    String actionName() {
        return actionName;
    }

    List<ArgRole> roles() {
        return roles;
    }

    static Action named(String name) {
        for (Action action : values()) {
            if (action.actionName.equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action=" + name);
    }
}
