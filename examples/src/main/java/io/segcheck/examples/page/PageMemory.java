package io.segcheck.examples.page;

import java.lang.foreign.MemorySegment;

/**
 * The page's own allocator interface, as a team's code base would have it: not segcheck's
 * {@code OffHeapAllocator}. The page reaches it only through {@link PageMemoryHolder}, the
 * process-wide singleton, as the historic page in segcheck's seed note did.
 */
public interface PageMemory {

    /** A segment of at least {@code bytes}, owned by the caller until {@link #giveBack}. */
    MemorySegment take(long bytes);

    /** Ends the caller's ownership of {@code segment}, exactly the instance {@link #take} returned. */
    void giveBack(MemorySegment segment);
}
