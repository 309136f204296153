/**
 * JMH benchmarks, each reporting its subject beside its baselines in one run: the allocator's
 * allocate + release against one arena per page and the zeroing floor
 * ({@link io.segcheck.bench.AllocateReleaseBenchmark}); every way the JDK offers to zero a segment
 * ({@link io.segcheck.bench.ZeroingFloorBenchmark}); a page's whole life on the pool, on per-page
 * arenas and through the cache ({@link io.segcheck.bench.PageLifecycleBenchmark}); and CPU time
 * per operation for machines whose cores are shared ({@link io.segcheck.bench.CpuTimeProfiler}).
 * Covers speed only; correctness is tested in {@code impl}, {@code sim} and {@code stress}, never here.
 */
package io.segcheck.bench;
