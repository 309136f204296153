/**
 * Fault injection for simulation, in one place: the {@link io.segcheck.impl.fault.FaultSite}
 * names, the {@link io.segcheck.impl.fault.Faults} hook each world passes in, and the
 * {@link io.segcheck.impl.fault.InjectedFault} thrown where the system's own exception would be.
 *
 * <p>Not here: deciding when a site fires (the simulator's seeded hook does that).
 */
package io.segcheck.impl.fault;
