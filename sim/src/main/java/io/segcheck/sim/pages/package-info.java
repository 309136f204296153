/**
 * The seeded sequence sweep for a team's own page class, bound through
 * {@link io.segcheck.api.PageFactory}: generated calls (open, write and read records and DeweyIDs,
 * clear, return, two racing returns, reset) on pages built over segcheck's observing allocator,
 * judged after every step by the kit's {@link io.segcheck.kit.PageOracle} and the data each slot
 * must read back, shrunk and replayed by the same runner as the allocator sweep. It does not use
 * segcheck's ownership model (that model speaks of segcheck's own page) nor the simulator.
 */
package io.segcheck.sim.pages;
