/**
 * A team's own page class, bound through {@link io.segcheck.api.PageFactory}, under segcheck's
 * checkers. The seeded sequence sweep ({@link io.segcheck.sim.pages.PageWorldFactory}): generated
 * calls (open, write and read records and DeweyIDs, clear, return, two racing returns, reset, the
 * pool, and the cache with its removal listener's tasks as steps) on pages built over segcheck's
 * observing allocator. The simulator ({@link io.segcheck.sim.pages.PageSimulator}): logical workers
 * in roles (writers, returners, clearers, resetters, guard holders, a pool user, a cache user)
 * interleaved by a seeded scheduler, with failing allocations inside the calls, and a quiesce
 * phase. Every page call goes through the kit's {@link io.segcheck.kit.PageJudge}, so the
 * page-design model ({@link io.segcheck.model.page}) judges it against the declared
 * {@link io.segcheck.api.PageDesign}; after every step the kit's {@link io.segcheck.kit.PageOracle}
 * judges ownership by what the allocator saw; failures are shrunk and replayed by the runner.
 */
package io.segcheck.sim.pages;
