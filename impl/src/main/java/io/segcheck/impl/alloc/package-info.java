/**
 * The segment allocator: seven size classes of page-sized, zeroed off-heap slices, leased and
 * released with exact-instance validation.
 *
 * <p>Covers the implementation of the contract ({@link io.segcheck.api.OffHeapAllocator}), its two
 * implementations ({@link io.segcheck.impl.alloc.MmapSegmentAllocator} on Linux,
 * {@link io.segcheck.impl.alloc.ArenaSegmentAllocator} everywhere), the factory
 * {@link io.segcheck.impl.alloc.SegmentAllocators}, guard mode (per-lease scopes, FIFO quarantine,
 * poison checks) and the allocator's JFR events. Does not cover pages, pools or caches, which
 * lease segments from here; nor the ownership model, which lives in {@code model}.
 */
package io.segcheck.impl.alloc;
