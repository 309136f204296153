package io.segcheck.api;

import java.lang.foreign.MemorySegment;

/**
 * Hands out off-heap segments from a fixed list of size classes and takes them back: the
 * interface segcheck checks, whether the allocator is segcheck's own pool or one a user brings.
 *
 * <p>Named apart from {@code java.lang.foreign.SegmentAllocator}, which every {@code Arena}
 * implements and which means "something that can allocate", not "something that owns leases".
 *
 * <p>Contract of segcheck's own allocator (another design may declare a weaker one):
 * <ul>
 *   <li>{@link #allocate} rounds up to the smallest size class that fits and returns a segment of
 *       exactly that class size, all zero bytes, whether fresh or recycled.</li>
 *   <li>{@link #release} takes exactly the instance {@code allocate} returned while it is still
 *       leased. Anything else is rejected with a {@link SegmentOwnershipException} and changes no
 *       state.</li>
 *   <li>All methods are thread-safe. After {@link #close()} every call throws
 *       {@link IllegalStateException}, and every segment handed out throws on access.</li>
 * </ul>
 */
public interface OffHeapAllocator extends AutoCloseable {

    /**
     * Leases a segment of the smallest size class that holds {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code bytes} is not positive or exceeds the largest class
     *     (a design may declare another signal, or serve requests above the largest class: see
     *     {@link AllocatorDesign#badSizeSignal()} and {@link AllocatorDesign#oversizeRequests()})
     * @throws AllocatorExhaustedException when the memory budget is spent and nothing can be reclaimed
     * @throws IllegalStateException after {@link #close()}
     */
    MemorySegment allocate(long bytes);

    /**
     * Ends the lease of {@code segment}; its memory becomes free for reuse.
     *
     * @throws SegmentOwnershipException when {@code segment} is not a currently leased instance of
     *     this allocator (kind says why); no state changes (a design may declare a silent refusal,
     *     views that end their lease, or no validation: see {@link AllocatorDesign#rejectedRelease()}
     *     and {@link AllocatorDesign#viewRelease()})
     * @throws IllegalStateException after {@link #close()}
     */
    void release(MemorySegment segment);

    /** A snapshot of the counters; fields the allocator does not track are {@link AllocatorStats#UNKNOWN}. */
    AllocatorStats stats();

    /** Frees everything. Outstanding segments throw on access afterwards; idempotent. */
    @Override
    void close();
}
