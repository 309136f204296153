package io.segcheck.model.fault;

/**
 * The one fault hook of a world: every {@link FaultSite} in {@code impl} asks it whether to fail
 * now. An object passed in at construction, never static state, so every simulated world has
 * its own and production code gets {@link #none()}.
 */
@FunctionalInterface
public interface Faults {

    /** True when the failure of {@code site} should happen now; the caller then fails as the real failure would. */
    boolean fire(FaultSite site);

    /** The production hook: nothing ever fails on purpose. */
    static Faults none() {
        return NoFaults.INSTANCE;
    }

    /** Whether {@code failure} was made by a fault site rather than by the system itself. */
    static boolean isInjected(Throwable failure) {
        return failure instanceof InjectedFault
                || (failure != null && failure.getMessage() != null && failure.getMessage().endsWith(InjectedFault.MARKER));
    }
}
