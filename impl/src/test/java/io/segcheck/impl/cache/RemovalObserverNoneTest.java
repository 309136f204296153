package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The observer a cache uses when none is given: present, and silent. */
class RemovalObserverNoneTest {

    @Test
    void theNoneObserverAcceptsEveryCall() {
        RemovalObserver<Long> none = RemovalObserver.none();
        assertNotNull(none);
        assertDoesNotThrow(() -> none.pageRemoved(1L, null, 0, RemovalCause.EXPLICIT, RemovalHandling.RETIRED));
        assertDoesNotThrow(() -> none.entryEvicted(1L, null, RemovalCause.SIZE));
    }
}
