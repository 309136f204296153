package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guard mode's release when the lease's view will not close because another thread still holds
 * its arena acquired (that thread is using a segment its owner released). The release is
 * accepted: the lease ends and the slice waits in quarantine with its view open; its exit from
 * quarantine closes the view, or retires the slice and reports it when the view is still in use;
 * {@code close()} closes such views before it unmaps. Before: the release was refused and changed
 * nothing, which left every caller that cannot retry (a page's return, a cache's removal listener)
 * holding a segment for ever (found by the simulator once ARENA_CLOSE was armed inside page returns).
 */
@EnabledOnOs(OS.LINUX)
@SuppressWarnings("restricted") // libc pipe/read/write downcalls; the test JVM runs with --enable-native-access
class GuardViewInUseTest {

    private static final long KIB = 1024;

    /** Fires ARENA_CLOSE at the next close only while {@link #armed} is set, then disarms. */
    private static final class OneArenaClose implements Faults {
        private boolean armed;

        @Override
        public boolean fire(FaultSite site) {
            if (site == FaultSite.ARENA_CLOSE && armed) {
                armed = false;
                return true;
            }
            return false;
        }
    }

    private static MmapSegmentAllocator guarded(Faults faults, int quarantineSlices) {
        return new MmapSegmentAllocator(new AllocatorConfig(4 * 1024 * KIB, 256 * KIB, true, quarantineSlices)
                .withStripeCount(1), Defects.none(), faults);
    }

    private static AllocatorStats.ClassStats smallest(MmapSegmentAllocator allocator) {
        return allocator.stats().classes().get(0);
    }

    @Test
    void aReleaseWhoseViewWillNotCloseIsAcceptedAndTheViewClosesWhenTheSliceLeavesQuarantine() {
        OneArenaClose faults = new OneArenaClose();
        try (MmapSegmentAllocator allocator = guarded(faults, 1)) {
            MemorySegment first = allocator.allocate(4096);
            first.set(ValueLayout.JAVA_LONG, 0, 42);
            faults.armed = true;
            allocator.release(first);
            assertFalse(faults.armed, "the fault fired");
            assertEquals(0, allocator.stats().leasedSegments(), "the lease ended");
            assertEquals(1, smallest(allocator).quarantinedSlices(), "the slice waits in quarantine");
            assertTrue(first.scope().isAlive(), "its view is still open (another thread holds it)");
            assertThrows(io.segcheck.api.SegmentOwnershipException.class, () -> allocator.release(first),
                    "a second release of the same instance is still a double release");

            MemorySegment second = allocator.allocate(4096);
            allocator.release(second); // pushes the first slice out of the one-slot quarantine
            assertFalse(first.scope().isAlive(), "its exit from quarantine closed the view");
            assertEquals(1, smallest(allocator).quarantinedSlices());
            assertTrue(allocator.poisonViolations().isEmpty(), allocator.poisonViolations().toString());
            MemorySegment reused = allocator.allocate(4096);
            assertEquals(0, reused.get(ValueLayout.JAVA_LONG, 0), "reused only after the view closed, and zeroed");
            allocator.release(reused);
        }
    }

    /**
     * {@code close()} closes a view still waiting in quarantine before it unmaps; when that close
     * fails too, the region stays mapped under the view and the next {@code close()} frees both.
     */
    @Test
    void closeClosesAViewStillWaitingInQuarantineOrKeepsItsRegionForTheRetry() {
        OneArenaClose faults = new OneArenaClose();
        MmapSegmentAllocator allocator = guarded(faults, 8);
        MemorySegment segment = allocator.allocate(4096);
        faults.armed = true;
        allocator.release(segment);
        assertTrue(segment.scope().isAlive());
        faults.armed = true;
        assertThrows(IllegalStateException.class, allocator::close);
        assertTrue(segment.scope().isAlive(), "the view that would not close");
        assertEquals(256 * KIB, allocator.mappedBytes(), "its region stays mapped under it");
        allocator.close();
        assertFalse(segment.scope().isAlive(), "close() must not unmap memory under an open view");
        assertEquals(0, allocator.mappedBytes());
    }

    /**
     * The JDK's own refusal, no fault hook: a thread blocked in {@code read(2)} on an empty pipe
     * into the view holds the view's arena acquired for the whole downcall.
     */
    @Test
    @Timeout(30)
    void aViewHeldByAThreadInADowncallRetiresTheSliceWhenItLeavesQuarantineStillInUse() throws Throwable {
        // Nothing public tells when the reader is inside read(2); a release that came first closes the
        // view (the read then fails on a closed scope) and the attempt is made again, waiting longer.
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (releaseWhileAThreadReadsIntoTheView(200L * attempt)) {
                return;
            }
        }
        throw new AssertionError("the reader never reached its blocking read(2) within 5 attempts");
    }

    /** One attempt; false when the release came before the reader's downcall acquired the view. */
    private static boolean releaseWhileAThreadReadsIntoTheView(long waitMillis) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle pipe = linker.downcallHandle(linker.defaultLookup().findOrThrow("pipe"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle read = linker.downcallHandle(linker.defaultLookup().findOrThrow("read"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG));
        MethodHandle write = linker.downcallHandle(linker.defaultLookup().findOrThrow("write"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().findOrThrow("close"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena local = Arena.ofConfined()) {
            MemorySegment fds = local.allocate(ValueLayout.JAVA_INT, 2);
            assertEquals(0, (int) pipe.invokeExact(fds));
            int readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            MmapSegmentAllocator allocator = guarded(Faults.none(), 0);
            Thread reader = null;
            try {
                MemorySegment view = allocator.allocate(4096);
                AtomicReference<Throwable> readerFailure = new AtomicReference<>();
                AtomicReference<Long> got = new AtomicReference<>();
                reader = new Thread(() -> {
                    try {
                        got.set((long) read.invokeExact(readEnd, view, 8L));
                    } catch (Throwable failure) {
                        readerFailure.set(failure);
                    }
                }, "blocked-reader");
                reader.start();
                Thread.sleep(waitMillis); // into the blocking read, with the view's arena acquired

                allocator.release(view); // quarantine of 0: the slice leaves at once
                assertEquals(0, allocator.stats().leasedSegments(), "the release was accepted");
                if (allocator.poisonViolations().isEmpty()) {
                    assertFalse(view.scope().isAlive(), "not in use yet: the release closed the view");
                    return false;
                }
                assertEquals(1, allocator.poisonViolations().size(), "the view still in use is reported");
                assertEquals(PoisonViolationException.VIEW_STILL_IN_USE,
                        allocator.poisonViolations().get(0).offsetBytes());
                assertTrue(view.scope().isAlive());
                MemorySegment next = allocator.allocate(4096);
                assertNotEquals(view.address(), next.address(), "a retired slice is never leased again");
                allocator.release(next);

                MemorySegment eight = local.allocate(8);
                assertEquals(8, (long) write.invokeExact(writeEnd, eight, 8L));
                reader.join(10_000);
                assertFalse(reader.isAlive());
                assertEquals(null, readerFailure.get());
                assertEquals(8L, got.get());
                allocator.close();
                assertFalse(view.scope().isAlive(), "close() closed the view once its user was done");
                assertEquals(0, allocator.mappedBytes());
                return true;
            } finally {
                MemorySegment one = local.allocate(8);
                long unblocked = (long) write.invokeExact(writeEnd, one, 8L); // a reader still blocked returns
                if (reader != null) {
                    reader.join(10_000);
                }
                allocator.close();
                int closedRead = (int) close.invokeExact(readEnd);
                int closedWrite = (int) close.invokeExact(writeEnd);
                assertEquals(List.of(8L, 0, 0), List.of(unblocked, closedRead, closedWrite), "pipe cleanup");
            }
        }
    }
}
