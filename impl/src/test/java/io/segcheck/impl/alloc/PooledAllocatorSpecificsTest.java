package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.api.AllocatorExhaustedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What segcheck's pooled allocator promises beyond the design it declares to the contract kit:
 * exact per-class counts, the high-water mark, release reasons for every ABA variant, the
 * quarantine's exact order, poison checks and unmapping under concurrent budget pressure. The
 * declared contract itself runs through the kit in {@link MmapSegmentAllocatorTest} and
 * {@link ArenaSegmentAllocatorTest}.
 */
class PooledAllocatorSpecificsTest {

    private static final long SMALL_REGION_BYTES = SizeClass.MAX_BYTES;

    private final List<OffHeapAllocator> opened = new ArrayList<>();

    /** Builds the allocator under test: the platform's choice, as users get it. */
    OffHeapAllocator newAllocator(AllocatorConfig config) {
        return SegmentAllocators.create(config);
    }

    OffHeapAllocator open(AllocatorConfig config) {
        OffHeapAllocator allocator = newAllocator(config);
        opened.add(allocator);
        return allocator;
    }

    OffHeapAllocator open() {
        return open(AllocatorConfig.defaults());
    }

    OffHeapAllocator openGuarded(int quarantineSlices) {
        return open(AllocatorConfig.defaults().withGuardMode(true).withQuarantineSlices(quarantineSlices));
    }

    @AfterEach
    void closeAll() {
        opened.forEach(OffHeapAllocator::close);
    }

    // ---- sizes and zeroing -------------------------------------------------------------------

    @Test
    void rejectedSizeNamesTheValueAndTheLimits() {
        OffHeapAllocator allocator = open();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> allocator.allocate(262145));
        assertTrue(error.getMessage().contains("bytes=262145"), error.getMessage());
        assertTrue(error.getMessage().contains("maxBytes=262144"), error.getMessage());
    }

    @Test
    void sliceReleasedOnAnotherThreadIsReusedHereAndZeroed() throws Exception {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults()
                .withRegionBytes(SMALL_REGION_BYTES).withBudgetBytes(SMALL_REGION_BYTES));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            long released = other.submit(() -> {
                MemorySegment segment = allocator.allocate(SizeClass.MAX_BYTES);
                segment.fill((byte) 0x77);
                allocator.release(segment);
                return segment.address();
            }).get(60, TimeUnit.SECONDS);
            MemorySegment reused = allocator.allocate(SizeClass.MAX_BYTES); // the budget holds one slice
            assertEquals(released, reused.address());
            assertAllZero(reused);
            assertEquals(SizeClass.MAX_BYTES, allocator.stats().leasedBytes());
        } finally {
            other.shutdownNow();
        }
    }

    // ---- release validation ----------------------------------------------------------------------

    @Test
    void secondReleaseIsRejectedAsDoubleReleaseAndChangesNothing() {
        OffHeapAllocator allocator = open();
        MemorySegment segment = allocator.allocate(4096);
        allocator.release(segment);
        AllocatorStats before = allocator.stats();
        assertRejected(allocator, segment, SegmentOwnershipException.Kind.DOUBLE_RELEASE);
        assertEquals(before, allocator.stats());
        MemorySegment again = allocator.allocate(4096);
        assertEquals(segment.address(), again.address(), "the rejected release did not push the slice twice");
        MemorySegment next = allocator.allocate(4096);
        assertNotEquals(again.address(), next.address(), "one slice is never handed to two owners");
    }

    @Test
    void releaseOfWrongSizeIsRejectedAsForeign() {
        OffHeapAllocator allocator = open();
        MemorySegment segment = allocator.allocate(8192);
        AllocatorStats before = allocator.stats();
        assertRejected(allocator, segment.asSlice(0, 4096), SegmentOwnershipException.Kind.FOREIGN);
        assertRejected(allocator, segment.asSlice(0, 8184), SegmentOwnershipException.Kind.FOREIGN);
        assertEquals(before, allocator.stats());
        allocator.release(segment);
    }

    // ---- budget, regions -------------------------------------------------------------------------

    @Test
    void exhaustedBudgetThrowsAndReleaseMakesRoomAgain() {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults()
                .withRegionBytes(SMALL_REGION_BYTES).withBudgetBytes(2 * SMALL_REGION_BYTES));
        MemorySegment first = allocator.allocate(SizeClass.MAX_BYTES);
        allocator.allocate(SizeClass.MAX_BYTES);
        AllocatorStats before = allocator.stats();
        AllocatorExhaustedException error = assertThrows(AllocatorExhaustedException.class,
                () -> allocator.allocate(SizeClass.MAX_BYTES));
        assertTrue(error.getMessage().contains("budgetBytes=" + 2 * SMALL_REGION_BYTES), error.getMessage());
        assertEquals(SizeClass.MAX_BYTES, error.classBytes());
        assertEquals(before, allocator.stats());
        allocator.release(first);
        MemorySegment recovered = allocator.allocate(SizeClass.MAX_BYTES);
        assertEquals(first.address(), recovered.address());
    }

    @Test
    void fullyFreeRegionIsUnmappedToServeAnotherClass() {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults()
                .withRegionBytes(SMALL_REGION_BYTES).withBudgetBytes(SMALL_REGION_BYTES));
        List<MemorySegment> small = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            small.add(allocator.allocate(4096));
        }
        small.forEach(allocator::release);
        assertEquals(1, classStats(allocator, 4096).mappedRegions());
        MemorySegment large = allocator.allocate(SizeClass.MAX_BYTES);
        assertAllZero(large);
        assertEquals(0, classStats(allocator, 4096).mappedRegions());
        assertEquals(0, classStats(allocator, 4096).freeSlices());
        assertEquals(1, classStats(allocator, SizeClass.MAX_BYTES).mappedRegions());
        assertEquals(SMALL_REGION_BYTES, allocator.stats().mappedBytes());
    }

    @Test
    void statsCountLeasedAndFreeSlicesPerClass() {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults().withRegionBytes(SMALL_REGION_BYTES));
        MemorySegment a = allocator.allocate(4096);
        allocator.allocate(4096);
        allocator.allocate(65536);
        allocator.release(a);
        AllocatorStats stats = allocator.stats();
        assertEquals(2, stats.leasedSegments());
        assertEquals(4096 + 65536, stats.leasedBytes());
        assertEquals(2 * 4096 + 65536, stats.highWaterBytes());
        assertEquals(2 * SMALL_REGION_BYTES, stats.mappedBytes());
        assertEquals(new AllocatorStats.ClassStats(4096, 1, 63, 0, 1), classStats(allocator, 4096));
        assertEquals(new AllocatorStats.ClassStats(65536, 1, 3, 0, 1), classStats(allocator, 65536));
        assertEquals(new AllocatorStats.ClassStats(8192, 0, 0, 0, 0), classStats(allocator, 8192));
    }

    @Test
    void highWaterCountsPeakBuiltFromSeveralClassesAfterEachWasLeasedAlone() {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults().withRegionBytes(SMALL_REGION_BYTES));
        allocator.release(allocator.allocate(4096));
        MemorySegment large = allocator.allocate(65536);
        assertEquals(65536, allocator.stats().highWaterBytes());
        MemorySegment small = allocator.allocate(4096); // the 4 KiB stack is back at its earlier depth
        assertEquals(4096 + 65536, allocator.stats().highWaterBytes());
        allocator.release(small);
        allocator.release(large);
        allocator.allocate(8192);
        assertEquals(4096 + 65536, allocator.stats().highWaterBytes());
    }

    @Test
    void highWaterCountsASliceLeasedAgainAfterItLeftQuarantine() {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults().withRegionBytes(SMALL_REGION_BYTES)
                .withGuardMode(true).withQuarantineSlices(1));
        allocator.release(allocator.allocate(65536)); // quarantined; the 64 KiB stack keeps its depth
        MemorySegment small = allocator.allocate(4096); // a high-water check: every low mark is reset here
        allocator.release(allocator.allocate(8192)); // pushes the 64 KiB slice out of quarantine, back on its stack
        MemorySegment large = allocator.allocate(65536); // the stack is back at its depth at the last check
        assertEquals(4096 + 65536, allocator.stats().highWaterBytes());
        allocator.release(large);
        allocator.release(small);
    }

    @Test
    void statsStayExactWhenSegmentsAreReleasedOnAnotherThread() throws Exception {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults().withRegionBytes(SMALL_REGION_BYTES));
        List<MemorySegment> leased = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leased.add(allocator.allocate(4096));
        }
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> leased.subList(0, 3).forEach(allocator::release)).get(60, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(new AllocatorStats.ClassStats(4096, 2, 62, 0, 1), classStats(allocator, 4096));
        assertEquals(2 * 4096, allocator.stats().leasedBytes());
        MemorySegment again = allocator.allocate(4096);
        assertEquals(leased.get(2).address(), again.address(), "the last slice released is leased first");
        assertEquals(3, allocator.stats().leasedSegments());
    }

    @Test
    void statsUnderConcurrencyStayWithinTheirStatedBounds() throws Exception {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults().withRegionBytes(SMALL_REGION_BYTES));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                running.add(workers.submit(() -> {
                    while (!stop.get()) {
                        MemorySegment a = allocator.allocate(4096);
                        MemorySegment b = allocator.allocate(4096);
                        allocator.release(a);
                        allocator.release(b);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < deadline) {
                assertStatsWithinBounds(allocator.stats());
            }
            stop.set(true);
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            workers.shutdownNow();
        }
        assertEquals(0, allocator.stats().leasedSegments());
    }

    /** What {@code stats()} promises under concurrency: each count within 0 and the mapped slices, sums consistent. */
    private static void assertStatsWithinBounds(AllocatorStats stats) {
        long leased = 0;
        long leasedBytes = 0;
        for (AllocatorStats.ClassStats classStats : stats.classes()) {
            long mappedSlices = classStats.mappedRegions() * (SMALL_REGION_BYTES / classStats.sizeBytes());
            assertTrue(classStats.leasedSegments() >= 0 && classStats.leasedSegments() <= mappedSlices, stats.toString());
            assertTrue(classStats.freeSlices() >= 0 && classStats.freeSlices() <= mappedSlices, stats.toString());
            assertTrue(classStats.leasedSegments() + classStats.freeSlices() + classStats.quarantinedSlices()
                    <= mappedSlices, stats.toString());
            leased += classStats.leasedSegments();
            leasedBytes += classStats.leasedSegments() * classStats.sizeBytes();
        }
        assertEquals(leased, stats.leasedSegments(), stats.toString());
        assertEquals(leasedBytes, stats.leasedBytes(), stats.toString());
        assertTrue(stats.highWaterBytes() >= stats.leasedBytes(), stats.toString());
    }

    // ---- close ------------------------------------------------------------------------------------

    // Segment access after close is the contract kit's (forked JVM); the order of checks is segcheck's own.
    @Test
    void callsAfterCloseThrowIllegalStateEvenWithABadSize() {
        OffHeapAllocator allocator = open();
        allocator.close();
        assertThrows(IllegalStateException.class, () -> allocator.allocate(0), "closed comes before a bad size");
        assertThrows(IllegalStateException.class, () -> allocator.allocate(SizeClass.MAX_BYTES + 1));
    }

    // ---- guard mode -------------------------------------------------------------------------------

    @Test
    void guardModeKeepsReleasedSlicesInFifoQuarantineBeforeReuse() {
        OffHeapAllocator allocator = openGuarded(2);
        MemorySegment a = allocator.allocate(4096);
        MemorySegment b = allocator.allocate(4096);
        MemorySegment c = allocator.allocate(4096);
        allocator.release(a);
        allocator.release(b);
        assertEquals(2, classStats(allocator, 4096).quarantinedSlices());
        MemorySegment d = allocator.allocate(4096);
        assertTrue(d.address() != a.address() && d.address() != b.address(), "quarantined slices are not reused");
        allocator.release(c); // pushes a out of quarantine, the oldest first
        assertEquals(2, classStats(allocator, 4096).quarantinedSlices());
        MemorySegment e = allocator.allocate(4096);
        assertEquals(a.address(), e.address());
        assertAllZero(e);
    }

    @Test
    void guardModeReleaseRejectionsLeaveStatsUnchanged() {
        OffHeapAllocator allocator = openGuarded(1);
        MemorySegment old = allocator.allocate(4096);
        allocator.release(old);
        AllocatorStats before = allocator.stats();
        assertRejected(allocator, old, SegmentOwnershipException.Kind.DOUBLE_RELEASE);
        assertEquals(before, allocator.stats());
    }

    @Test
    @SuppressWarnings("restricted") // the test forges a raw alias to write where guard mode cannot see
    void guardModeReportsWriteAfterReleaseWithAddressAndLastOwner() {
        OffHeapAllocator allocator = openGuarded(1);
        MemorySegment victim = allocator.allocate(4096);
        MemorySegment alias = MemorySegment.ofAddress(victim.address()).reinterpret(4096);
        allocator.release(victim);
        alias.set(ValueLayout.JAVA_BYTE, 100, (byte) 1);
        MemorySegment next = allocator.allocate(4096);
        AllocatorStats before = allocator.stats();
        assertDoesNotThrow(() -> allocator.release(next), "the release that pushes the victim out is innocent");
        assertEquals(before.leasedSegments() - 1, allocator.stats().leasedSegments(), "and it took effect");
        List<PoisonViolationException> found = ((PoisonReporting) allocator).poisonViolations();
        assertEquals(1, found.size(), found.toString());
        PoisonViolationException violation = found.getFirst();
        assertEquals(victim.address(), violation.sliceAddress());
        assertEquals(96, violation.offsetBytes());
        assertTrue(violation.lastOwner().contains("thread=" + Thread.currentThread().getName()),
                violation.lastOwner());
        assertTrue(violation.getMessage().contains("sliceAddress=0x" + Long.toHexString(victim.address())),
                violation.getMessage());
        assertNotEquals(victim.address(), allocator.allocate(4096).address(), "a corrupted slice is retired");
    }

    @Test
    void guardModeIntactQuarantineRaisesNoViolation() {
        OffHeapAllocator allocator = openGuarded(1);
        for (int i = 0; i < 10; i++) {
            MemorySegment segment = allocator.allocate(4096);
            segment.fill((byte) i);
            assertDoesNotThrow(() -> allocator.release(segment));
        }
        assertEquals(0, allocator.stats().leasedSegments());
    }

    @Test
    void guardModeCloseEndsOutstandingViews() {
        OffHeapAllocator allocator = openGuarded(1);
        MemorySegment segment = allocator.allocate(4096);
        allocator.close();
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 0));
    }

    // ---- concurrency -----------------------------------------------------------------------------

    @Test
    void concurrentAllocateAndReleaseUnderBudgetPressureUnmapsAndRemapsSafely() throws Exception {
        OffHeapAllocator allocator = open(AllocatorConfig.defaults()
                .withRegionBytes(SMALL_REGION_BYTES).withBudgetBytes(5 * SMALL_REGION_BYTES));
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentHashMap<Long, Integer> owners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int owner = t;
                results.add(pool.submit(() -> churnAllClasses(allocator, owners, start, owner, 5_000)));
            }
            for (Future<Long> result : results) {
                assertEquals(5_000L, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        AllocatorStats stats = allocator.stats();
        assertEquals(0, stats.leasedSegments());
        assertTrue(stats.mappedBytes() <= 5 * SMALL_REGION_BYTES, "mappedBytes=" + stats.mappedBytes());
    }

    /**
     * Leases one segment of a random class at a time, so the classes compete for five regions and
     * free regions are unmapped and mapped again while other threads lease and release.
     */
    private static long churnAllClasses(OffHeapAllocator allocator, ConcurrentHashMap<Long, Integer> owners,
                                        CyclicBarrier start, int owner, int iterations) throws Exception {
        SplittableRandom random = new SplittableRandom(owner);
        start.await();
        long done = 0;
        for (int i = 0; i < iterations; i++) {
            MemorySegment segment;
            try {
                segment = allocator.allocate(SizeClass.sizeBytes(random.nextInt(SizeClass.COUNT)));
            } catch (AllocatorExhaustedException inFlightSlicesPinnedEveryRegion) {
                done++; // legal: the other threads' leases can pin every region for a moment
                continue;
            }
            assertNull(owners.putIfAbsent(segment.address(), owner), "slice handed to two owners");
            assertEquals(0L, segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - 8), "not zeroed");
            segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - 8, owner);
            assertEquals(owner, segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - 8));
            owners.remove(segment.address());
            allocator.release(segment);
            done++;
        }
        return done;
    }

    @Test
    void concurrentAllocateAndReleaseInGuardModeNeverHandOneSliceToTwoOwners() throws Exception {
        concurrentOwnershipRun(openGuarded(8), 2_000);
    }

    @Test
    void closeRacingGuardedAllocateAndReleaseOnlyEverThrowsIllegalState() throws Exception {
        closeRace(openGuarded(4));
    }

    /** Workers lease, write and release until close stops them; the only failure they may see is ISE. */
    private static void closeRace(OffHeapAllocator allocator) throws Exception {
        int threads = 3;
        CountDownLatch warmedUp = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> endings = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                endings.add(pool.submit(() -> workUntilClosed(allocator, warmedUp, seed)));
            }
            warmedUp.await();
            allocator.close();
            for (Future<Throwable> ending : endings) {
                Throwable thrown = ending.get(60, TimeUnit.SECONDS);
                assertInstanceOf(IllegalStateException.class, thrown, () -> stackTrace(thrown));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable workUntilClosed(OffHeapAllocator allocator, CountDownLatch warmedUp, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long operations = 0; ; operations++) {
            if (operations == 500) {
                warmedUp.countDown();
            }
            try {
                MemorySegment segment = allocator.allocate(SizeClass.sizeBytes(random.nextInt(SizeClass.COUNT)));
                segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - 8, operations);
                allocator.release(segment);
            } catch (Throwable thrown) {
                if (operations < 500) {
                    warmedUp.countDown();
                }
                return thrown;
            }
        }
    }

    private static String stackTrace(Throwable thrown) {
        java.io.StringWriter text = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static void concurrentOwnershipRun(OffHeapAllocator allocator, int iterations) throws Exception {
        int threads = 4;
        ConcurrentHashMap<Long, Integer> owners = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int owner = t;
                results.add(pool.submit(() -> ownAndRelease(allocator, owners, start, owner, iterations)));
            }
            for (Future<Integer> result : results) {
                assertEquals(iterations, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, allocator.stats().leasedSegments());
        assertTrue(owners.isEmpty());
    }

    /** One worker: lease, claim the address, stamp and check the stamp, unclaim, release. */
    private static int ownAndRelease(OffHeapAllocator allocator, ConcurrentHashMap<Long, Integer> owners,
                                     CyclicBarrier start, int owner, int iterations) throws Exception {
        SplittableRandom random = new SplittableRandom(owner);
        start.await();
        int done = 0;
        for (int i = 0; i < iterations; i++) {
            MemorySegment segment = allocator.allocate(SizeClass.sizeBytes(random.nextInt(3)));
            assertNull(owners.putIfAbsent(segment.address(), owner), "slice handed to two owners");
            assertEquals(0L, segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - 8), "not zeroed");
            segment.set(ValueLayout.JAVA_LONG, 0, owner);
            segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - 8, owner);
            assertEquals(owner, segment.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(owner, segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - 8));
            owners.remove(segment.address());
            allocator.release(segment);
            done++;
        }
        return done;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static void assertAllZero(MemorySegment segment) {
        byte[] zeros = new byte[(int) segment.byteSize()];
        assertArrayEquals(zeros, segment.toArray(ValueLayout.JAVA_BYTE), "segment is not all zero");
    }

    static void assertRejected(OffHeapAllocator allocator, MemorySegment segment,
                               SegmentOwnershipException.Kind kind) {
        SegmentOwnershipException error = assertThrows(SegmentOwnershipException.class,
                () -> allocator.release(segment));
        assertEquals(kind, error.kind(), error.getMessage());
        assertEquals(segment.address(), error.address());
        assertTrue(error.getMessage().contains("address=0x" + Long.toHexString(segment.address())),
                error.getMessage());
    }

    static AllocatorStats.ClassStats classStats(OffHeapAllocator allocator, int sizeBytes) {
        return allocator.stats().classes().get(SizeClass.indexOfExactSize(sizeBytes));
    }
}
