package io.segcheck.sim.world;

/**
 * Steps only a simulation makes: running a queued listener or maintenance task, an eviction storm
 * and its end, and closing the allocator mid-run. Kept out of {@link Action} so the sequence
 * runner's vocabulary, and so its seeds, stay as they are.
 */
enum SimAction {
    RUN_TASK("runTask"),
    STORM("storm"),
    CALM("calm"),
    CLOSE_ALLOCATOR("closeAllocator");

    private final String actionName;

    SimAction(String actionName) {
        this.actionName = actionName;
    }

    String actionName() {
        return actionName;
    }

    static boolean isNamed(String name) {
        for (SimAction action : values()) {
            if (action.actionName.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static SimAction named(String name) {
        for (SimAction action : values()) {
            if (action.actionName.equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown simulation action=" + name);
    }
}
