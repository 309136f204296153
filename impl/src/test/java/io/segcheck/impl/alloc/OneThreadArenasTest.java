package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link AllocatorConfig#oneThread}: the allocator's regions and guard views are confined to the
 * thread that made them, so closing one stops no other thread; what that thread sees is what it
 * sees with shared arenas. Without it (the default) any thread may use a lease.
 */
class OneThreadArenasTest {

    private static final long KIB = 1024;

    private static OffHeapAllocator allocator(boolean guardMode, boolean oneThread) {
        return SegmentAllocators.create(new AllocatorConfig(4 * 1024 * KIB, 256 * KIB, guardMode, 4)
                .withOneThread(oneThread));
    }

    /** What touching {@code segment} on another thread threw; null when it did not throw. */
    private static Throwable touchedOnAnotherThread(MemorySegment segment) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                segment.set(ValueLayout.JAVA_LONG, 0, 7);
            } catch (Throwable failure) {
                thrown.set(failure);
            }
        });
        other.join();
        return thrown.get();
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void aOneThreadAllocatorsLeaseIsConfinedToItsThread(boolean guardMode) throws InterruptedException {
        try (OffHeapAllocator allocator = allocator(guardMode, true)) {
            MemorySegment segment = allocator.allocate(4096);
            segment.set(ValueLayout.JAVA_LONG, 0, 42);
            assertInstanceOf(WrongThreadException.class, touchedOnAnotherThread(segment));
            assertEquals(42, segment.get(ValueLayout.JAVA_LONG, 0), "the other thread changed nothing");
            allocator.release(segment);
        }
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void byDefaultAnyThreadMayUseALease(boolean guardMode) throws InterruptedException {
        try (OffHeapAllocator allocator = allocator(guardMode, false)) {
            MemorySegment segment = allocator.allocate(4096);
            assertNull(touchedOnAnotherThread(segment));
            assertEquals(7, segment.get(ValueLayout.JAVA_LONG, 0));
            allocator.release(segment);
        }
    }

    @ParameterizedTest(name = "oneThread={0}")
    @ValueSource(booleans = {false, true})
    void aReleasedGuardViewAndAClosedAllocatorsSegmentThrowTheSameOnTheOwningThread(boolean oneThread) {
        OffHeapAllocator allocator = allocator(true, oneThread);
        MemorySegment released = allocator.allocate(4096);
        allocator.release(released);
        IllegalStateException afterRelease = assertThrows(IllegalStateException.class,
                () -> released.get(ValueLayout.JAVA_LONG, 0));
        assertEquals("Already closed", afterRelease.getMessage());
        MemorySegment leased = allocator.allocate(4096);
        allocator.close();
        IllegalStateException afterClose = assertThrows(IllegalStateException.class,
                () -> leased.get(ValueLayout.JAVA_LONG, 0));
        assertEquals("Already closed", afterClose.getMessage());
    }

    @Test
    void theFactorysOneThreadAllocatorIsConfinedAndItsPlainOneIsNot() throws InterruptedException {
        SegcheckAllocatorFactory factory = new SegcheckAllocatorFactory();
        AllocatorSettings settings = AllocatorSettings.roomy();
        try (OffHeapAllocator confined = factory.oneThreadEach().create(settings, Faults.none());
             OffHeapAllocator shared = factory.create(settings, Faults.none());
             OffHeapAllocator confinedWithoutHook = factory.oneThreadEach().create(settings)) {
            MemorySegment confinedLease = confined.allocate(4096);
            MemorySegment sharedLease = shared.allocate(4096);
            assertInstanceOf(WrongThreadException.class, touchedOnAnotherThread(confinedLease));
            assertNull(touchedOnAnotherThread(sharedLease));
            MemorySegment withoutHookLease = confinedWithoutHook.allocate(4096);
            assertInstanceOf(WrongThreadException.class, touchedOnAnotherThread(withoutHookLease));
            confined.release(confinedLease);
            shared.release(sharedLease);
            confinedWithoutHook.release(withoutHookLease);
        }
    }
}
