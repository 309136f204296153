/**
 * Fault injection for simulation, in one place: the {@link io.segcheck.model.fault.FaultSite}
 * names, the {@link io.segcheck.model.fault.Faults} hook each world passes in, and the
 * {@link io.segcheck.model.fault.InjectedFault} thrown where the system's own exception would be;
 * and {@link io.segcheck.model.fault.ModeledFailure}, what a system's own exception means to the model.
 * Shared by segcheck's system (which fires the sites) and the checks (which arm them and read the
 * failures), so the allocator-only checks need not link the system.
 *
 * <p>Not here: deciding when a site fires (the simulator's seeded hook does that).
 */
package io.segcheck.model.fault;
