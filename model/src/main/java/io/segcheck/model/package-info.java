/**
 * The executable ownership model of segcheck: what must be true about segments, pages, the pool
 * and the caches, as a plain single-threaded state machine with one explicit transition table.
 *
 * <p>It covers the allocator's leases and per-class counters, page contents and resizes, guards,
 * orphaning, the pool and the page caches, and predicts every observable result and typed error
 * of the real API. It does not run anything real, make random choices, or know about threads:
 * nondeterministic facts (which address a lease got, whether the budget ran out, which cache entry
 * Caffeine evicted) are observed by the caller and fed in, and the model checks they are legal.
 * The sequence runner, the simulator and Lincheck's sequential specification all use this model
 * as the single oracle. A team's own page, declared by a {@link io.segcheck.api.PageDesign}, is
 * judged by the page-design model in {@link io.segcheck.model.page}.
 */
package io.segcheck.model;
