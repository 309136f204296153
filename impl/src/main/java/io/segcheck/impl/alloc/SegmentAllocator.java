package io.segcheck.impl.alloc;

import java.lang.foreign.MemorySegment;

/**
 * Hands out page-sized, zeroed off-heap segments from seven size classes and takes them back.
 *
 * <p>Contract, shared by every implementation and checked by one contract test:
 * <ul>
 *   <li>{@link #allocate} rounds up to the smallest {@link SizeClass} that fits and returns a
 *       segment of exactly that class size, all zero bytes, whether fresh or recycled.</li>
 *   <li>{@link #release} takes exactly the instance {@code allocate} returned while it is still
 *       leased. Anything else is rejected with a {@link SegmentOwnershipException} and changes no
 *       state.</li>
 *   <li>All methods are thread-safe. After {@link #close()} every call throws
 *       {@link IllegalStateException}, and every segment handed out throws on access.</li>
 * </ul>
 */
public interface SegmentAllocator extends AutoCloseable {

    /**
     * Leases a zeroed segment of the smallest size class that holds {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code bytes <= 0} or {@code bytes > 262144}
     * @throws AllocatorExhaustedException when the byte budget is spent and no free region can be
     *     unmapped to make room
     * @throws IllegalStateException after {@link #close()}
     */
    MemorySegment allocate(long bytes);

    /**
     * Ends the lease of {@code segment}; the slice becomes free for reuse.
     *
     * @throws SegmentOwnershipException when {@code segment} is not a currently leased instance of
     *     this allocator (kind says why); no state changes
     * @throws IllegalStateException after {@link #close()}
     */
    void release(MemorySegment segment);

    /** A consistent snapshot of the counters; O(size classes), never scans free lists. */
    AllocatorStats stats();

    /** Unmaps everything. Outstanding segments throw on access afterwards; idempotent. */
    @Override
    void close();
}
