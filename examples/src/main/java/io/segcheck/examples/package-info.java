/**
 * Two allocators written the way a project outside segcheck would write them, against
 * {@code io.segcheck.api} alone, to show that segcheck checks designs other than its own:
 * {@link io.segcheck.examples.arena.ArenaPerLeaseAllocator} (one shared arena per lease) and
 * {@link io.segcheck.examples.freelist.FreeListPoolAllocator} (a classic pool keyed by address,
 * oldest-first reuse, a silent no-op on an unknown release, no zeroing). Each has a planted-bug
 * switch and a factory for each setting, so the bug can be named on the command line.
 */
package io.segcheck.examples;
