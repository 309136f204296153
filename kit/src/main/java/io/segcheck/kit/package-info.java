/**
 * The allocator contract kit: {@link io.segcheck.kit.OffHeapAllocatorContract}, an abstract JUnit 5
 * class that a project extends with one factory method to check its own
 * {@link io.segcheck.api.OffHeapAllocator} against the design it declares.
 *
 * <p>It covers single calls and small concurrent runs of allocate, release, stats and close, each
 * test gated by the declared {@link io.segcheck.api.AllocatorDesign}. Tests that can crash a JVM
 * with a broken allocator (access after close, after release, close racing use) run in a forked
 * JVM each and report a crash as a finding. It does not cover long seeded sequences with a model in
 * lockstep; that is the sequence runner's sweep.
 *
 * <p>Concurrency bases that take the same factory: {@code io.segcheck.kit.lincheck} (Lincheck),
 * {@code io.segcheck.kit.fray} (real threads under Fray's scheduler) and
 * {@code io.segcheck.kit.jcstress} (real hardware). The last two share {@link io.segcheck.kit.LeaseWorld},
 * which records every call and asks the allocator model (the oracle of the sweep and the simulator
 * too) whether some real-time order of them fits, and reports its typed
 * {@link io.segcheck.kit.OwnershipViolation}s.
 *
 * <p>The page contract: {@link io.segcheck.kit.PageContract}, extended with a
 * {@link io.segcheck.api.PageFactory}, checks a team's own page class through the page seam. Pages
 * are built on an {@link io.segcheck.kit.ObservingAllocator} and judged by the
 * {@link io.segcheck.kit.PageOracle} on what it saw; the calls on a returned page and racing returns
 * run in a forked JVM each.
 */
package io.segcheck.kit;
