/**
 * Two allocators written the way a project outside segcheck would write them, against
 * {@code io.segcheck.api} alone, to show that segcheck checks designs other than its own:
 * {@link io.segcheck.examples.arena.ArenaPerLeaseAllocator} (one shared arena per lease) and
 * {@link io.segcheck.examples.freelist.FreeListPoolAllocator} (a classic pool keyed by address,
 * oldest-first reuse, a silent no-op on an unknown release, no zeroing). Allocator properties choose
 * the design variants a team might pick (views that end their lease; releases never validated;
 * oversized requests served outside the classes; sizes checked by {@code assert}), and each factory
 * declares them. Both mark rare paths and the pool has a fault site, through {@link
 * io.segcheck.api.Probes}. Each planted bug has a factory of its own, so it can be named on the
 * command line.
 *
 * <p>One page class written the same way, {@link io.segcheck.examples.page.AppendLogPage}: its own
 * append-only layout and resize rule, no, shared or separate DeweyID segments, memory from a
 * process-wide singleton, a pool; bound through {@code io.segcheck.api.PageFactory}, with the seed
 * note's page-side bug classes plantable one at a time ({@link io.segcheck.examples.page.PageVariant}).
 */
package io.segcheck.examples;
