/**
 * A team's own page class, bound through {@link io.segcheck.api.PageFactory}, under segcheck's
 * checkers. The seeded sequence sweep ({@link io.segcheck.sim.pages.PageWorldFactory}): generated
 * calls (open, write and read records and DeweyIDs, clear, return, two racing returns, reset, the
 * pool) on pages built over segcheck's observing allocator. The simulator
 * ({@link io.segcheck.sim.pages.PageSimulator}): logical workers in roles (writers, returners,
 * clearers, resetters, guard holders, a pool user) interleaved by a seeded scheduler, with failing
 * allocations inside the calls, and a quiesce phase. Both are judged after every step by the kit's
 * {@link io.segcheck.kit.PageOracle} and the data each slot must read back, and shrunk and replayed
 * by the runner. Neither uses segcheck's ownership model (that model speaks of segcheck's own page).
 */
package io.segcheck.sim.pages;
