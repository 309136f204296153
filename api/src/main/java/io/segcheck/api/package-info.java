/**
 * The seam between segcheck and an allocator under check: {@link io.segcheck.api.OffHeapAllocator},
 * its {@link io.segcheck.api.AllocatorStats} snapshot and the typed errors a release or an
 * allocation may throw. segcheck's own pooled allocator implements it like any other; nothing here
 * depends on segcheck's implementation or model.
 */
package io.segcheck.api;
