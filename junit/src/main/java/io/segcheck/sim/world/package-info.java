/**
 * The binding of the sequence runner to the real system: the action catalog over the whole API
 * (allocator, pages, pool, guards, both page caches, the fake clock) and the {@code Subject} that
 * applies each step to the real system and to the ownership model and compares them after every
 * call and every step.
 *
 * <p>One class per concern: {@code World} builds the real system and the model for a
 * {@code Coverage} (the allocator alone, or the whole system); {@code Populations} holds the pages,
 * guards and raw leases steps index into; {@code AllocatorBinding}, {@code PageBinding} and
 * {@code CacheBinding} each apply one group of actions; {@code ForeignSegments} fabricates segments
 * the allocator must refuse; {@code Calls} compares one call; {@code Invariants} compares the state
 * after a step; {@code Quiesce} ends a run; {@code OwnershipView} renders the timeline's owners;
 * {@code WorldSubject} routes steps to bindings and keeps the trace.
 *
 * <p>Covers: mapping real exceptions onto the model's error kinds, observing the allocator's
 * grants and Caffeine's evictions, the ownership checks (which lease each page field holds, the
 * counters, slot contents, cache mappings) and quiesce. Does not cover: generation, shrinking,
 * replay (the runner's job), concurrency (the simulator and stress modules), or any knowledge of
 * the defects: the catalog draws the same actions whichever defects are on.
 *
 * <p>Which type to touch (the two families, {@code World*} for the sequence runner and
 * {@code Simulation*} for the simulator's view of the same world):
 * <ul>
 * <li>{@code WorldFactory}: the entry point the runner calls; {@code WorldCatalog} draws each
 *     action's arguments; {@code World} is one run's real system plus model; {@code WorldSubject}
 *     routes one step to its {@code ActionBinding}.</li>
 * <li>{@code SimulationWorld} is the same world as the simulator drives it (queued listeners, fault
 *     sites), and {@code SimulationBinding} applies the steps only a simulation makes; the
 *     simulator's own {@code SimulationFactory} and {@code SimulationSubject} (package
 *     {@code simulation}) build and drive it.</li>
 * <li>A new action: {@code Action} and the {@code ActionBinding} of its group; how the real system
 *     and the model are compared: {@code Calls} (one call), {@code Invariants} (after each step),
 *     {@code Quiesce} (the end); what a real exception means: {@code Failures}.</li>
 * </ul>
 */
package io.segcheck.sim.world;
