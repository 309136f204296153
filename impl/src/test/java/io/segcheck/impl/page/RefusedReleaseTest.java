package io.segcheck.impl.page;

import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A return whose release the allocator refuses (throws) must not lose the segment: the failure is
 * thrown, and the next return gives it back. The page used to turn RETURNED first and forget the
 * segment, so the retry was ignored and the segment stayed leased for ever.
 */
class RefusedReleaseTest {

    /** Refuses the first release it is asked for, then delegates. */
    private static final class RefusingOnce implements OffHeapAllocator {
        private final OffHeapAllocator real;
        private boolean refused;

        RefusingOnce(OffHeapAllocator real) {
            this.real = real;
        }

        @Override
        public MemorySegment allocate(long bytes) {
            return real.allocate(bytes);
        }

        @Override
        public void release(MemorySegment segment) {
            if (!refused) {
                refused = true;
                throw new IllegalStateException("release refused once");
            }
            real.release(segment);
        }

        @Override
        public AllocatorStats stats() {
            return real.stats();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void aRefusedReleaseIsThrownAndGivenBackByTheNextReturn() {
        try (OffHeapAllocator real = TestAllocators.guarded()) {
            RefusingOnce allocator = new RefusingOnce(real);
            KeyValueLeafPage page = new KeyValueLeafPagePool(allocator).borrowPage(1, 0, 4096, true);
            assertThrows(IllegalStateException.class, page::returnSegmentsToAllocator);
            assertEquals(1, real.stats().leasedSegments(), "the DeweyID segment went back, the slot one was refused");
            MemorySegment fresh = allocator.allocate(4096);
            assertThrows(IllegalStateException.class, () -> page.resetForReuse(2, 0, fresh, fresh),
                    "a page still holding a refused segment is not reused");
            page.returnSegmentsToAllocator();
            allocator.release(fresh);
            assertEquals(0, real.stats().leasedSegments(), "the retry gave the refused segment back");
        }
    }
}
