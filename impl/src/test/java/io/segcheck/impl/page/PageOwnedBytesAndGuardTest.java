package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a fresh page owns, which leases its record field does not hold, and that its first life can be guarded. */
class PageOwnedBytesAndGuardTest {

    @Test
    void aFreshPageOwnsItsSegmentsHoldsNoOtherLeaseAndCanBeGuarded() {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            KeyValueLeafPage shared = pool.borrowPage(1, 0, 4096, false);
            KeyValueLeafPage separate = pool.borrowPage(2, 0, 8192, true);
            assertEquals(4096, shared.ownedBytes(), "one shared segment");
            assertEquals(8192 + 4096, separate.ownedBytes(), "a slot segment and a DeweyID segment");
            assertFalse(separate.holdsSlotMemory(separate.deweyIdMemory()), "the DeweyID lease is not the slot lease");
            assertFalse(separate.holdsSlotMemory(java.lang.foreign.MemorySegment.NULL));
            Optional<PageGuard> guard = shared.tryGuard();
            assertTrue(guard.isPresent(), "a live page in its first life (" + shared.life() + ") can be guarded");
            guard.get().close();
            pool.returnPage(shared);
            pool.returnPage(separate);
        }
    }
}
