/**
 * The seams between segcheck and the code under check. Allocators:
 * {@link io.segcheck.api.OffHeapAllocator}, its {@link io.segcheck.api.AllocatorStats} snapshot, the
 * typed errors a release or an allocation may throw, and the {@link io.segcheck.api.AllocatorFactory}
 * that builds it from {@link io.segcheck.api.AllocatorSettings} (the allocator's own properties
 * included) and declares its {@link io.segcheck.api.AllocatorDesign}; {@link io.segcheck.api.Probes},
 * the hook through which its code marks rare paths and asks its fault sites, a no-op in production;
 * {@link io.segcheck.api.RegionLayout}, for an allocator that tells where its regions are. Pages that
 * own segments: {@link io.segcheck.api.PageAdapter}, built by a {@link io.segcheck.api.PageFactory} on
 * the allocator segcheck passes in and declared by a {@link io.segcheck.api.PageDesign}. segcheck's
 * own allocator and page implement them like any other; nothing here depends on segcheck's
 * implementation or model.
 */
package io.segcheck.api;
