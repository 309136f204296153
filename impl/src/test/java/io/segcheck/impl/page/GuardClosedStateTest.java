package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guard says whether it is closed: open until its close, closed after it. */
class GuardClosedStateTest {

    @Test
    void aGuardIsOpenUntilClosed() {
        try (OffHeapAllocator allocator = TestAllocators.guarded()) {
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator);
            KeyValueLeafPage page = pool.borrowPage(1, 0, 4096, false);
            PageGuard guard = page.guard();
            assertFalse(guard.isClosed());
            guard.close();
            assertTrue(guard.isClosed());
            pool.returnPage(page);
        }
    }
}
