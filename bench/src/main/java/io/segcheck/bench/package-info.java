/**
 * JMH benchmarks: the allocator's allocate + release against one arena per page and against the
 * zeroing floor, reported as ratios from one run. Covers speed only; correctness is tested in
 * {@code impl}, {@code sim} and {@code stress}, never here.
 */
package io.segcheck.bench;
