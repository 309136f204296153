package io.segcheck.impl.alloc;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Mark;
import io.segcheck.impl.defect.Marks;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocator's accounting on its rare paths, pinned exactly: how many regions an unmap under
 * pressure takes, that the high-water mark never falls, that a retired slice counts as neither
 * leased nor free, and which marks each path hits. (Each of these was a surviving mutant: the
 * sequence runner observes these choices as legal but does not pin them.)
 */
class AllocatorAccountingTest {

    private static final long KIB = 1024;
    private static final long REGION_BYTES = 256 * KIB;

    private static PooledSegmentAllocator open(long budgetBytes, boolean guardMode, Marks marks) {
        AllocatorConfig config = new AllocatorConfig(budgetBytes, REGION_BYTES, guardMode, 1);
        return (PooledSegmentAllocator) SegmentAllocators.create(config, Defects.none().withMarks(marks));
    }

    @Test
    void unmappingUnderPressureTakesOnlyAsManyFreeRegionsAsTheRequestNeeds() {
        try (PooledSegmentAllocator allocator = open(3 * REGION_BYTES, false, Marks.none())) {
            List<MemorySegment> small = new ArrayList<>();
            for (int i = 0; i < 65; i++) { // 64 slices of 4 KiB fill a region: the 65th maps a second
                small.add(allocator.allocate(4096));
            }
            small.forEach(allocator::release);
            allocator.allocate(256 * KIB); // fits beside the two free regions: no unmap
            assertEquals(3 * REGION_BYTES, allocator.stats().mappedBytes());
            allocator.allocate(256 * KIB); // needs one region: exactly one free 4 KiB region goes
            AllocatorStats stats = allocator.stats();
            assertEquals(3 * REGION_BYTES, stats.mappedBytes());
            assertEquals(1, classStats(stats, 4096).mappedRegions(), stats::toString);
        }
    }

    @Test
    void theHighWaterMarkNeverFalls() {
        try (PooledSegmentAllocator allocator = open(4 * REGION_BYTES, false, Marks.none())) {
            List<MemorySegment> leases = List.of(allocator.allocate(4096), allocator.allocate(4096),
                    allocator.allocate(4096));
            leases.forEach(allocator::release);
            allocator.allocate(8192); // maps an 8 KiB region, which checks the mark with 8 KiB leased
            assertEquals(3 * 4096, allocator.stats().highWaterBytes());
        }
    }

    @Test
    void recoveryIsMarkedOnlyWhenAMapFollowsAnExhaustion() {
        Marks marks = Marks.recording();
        try (PooledSegmentAllocator allocator = open(REGION_BYTES, false, marks)) {
            MemorySegment small = allocator.allocate(4096);
            assertEquals(0, marks.count(Mark.EXHAUSTION_RECOVERED), "a first map is not a recovery");
            assertThrows(AllocatorExhaustedException.class, () -> allocator.allocate(8192));
            assertEquals(1, marks.count(Mark.ALLOCATOR_EXHAUSTED));
            allocator.release(small);
            allocator.allocate(8192); // unmaps the now free 4 KiB region and maps an 8 KiB one
            assertEquals(1, marks.count(Mark.REGION_UNMAPPED_UNDER_PRESSURE));
            assertEquals(1, marks.count(Mark.EXHAUSTION_RECOVERED));
            assertThrows(AllocatorExhaustedException.class, () -> allocator.allocate(32 * KIB));
            assertEquals(2, marks.count(Mark.ALLOCATOR_EXHAUSTED));
            assertEquals(1, marks.count(Mark.EXHAUSTION_RECOVERED), "an exhaustion is not a recovery");
        }
    }

    @Test
    @SuppressWarnings("restricted") // forges a raw alias to write where guard mode cannot see
    void aRetiredSliceCountsAsNeitherLeasedNorFree() {
        Marks marks = Marks.recording();
        try (PooledSegmentAllocator allocator = open(REGION_BYTES, true, marks)) {
            MemorySegment victim = allocator.allocate(4096);
            MemorySegment alias = MemorySegment.ofAddress(victim.address()).reinterpret(4096);
            MemorySegment other = allocator.allocate(4096);
            allocator.release(victim);
            alias.set(ValueLayout.JAVA_BYTE, 8, (byte) 1);
            allocator.release(other); // the victim leaves quarantine: its violation is kept, not thrown
            assertEquals(1, allocator.poisonViolations().size());
            AllocatorStats.ClassStats stats = classStats(allocator.stats(), 4096);
            assertEquals(0, stats.leasedSegments(), stats::toString);
            assertEquals(64 - 2, stats.freeSlices(), stats::toString); // `other` waits in quarantine, victim is retired
            assertEquals(0, marks.count(Mark.QUARANTINE_POISON_VERIFIED));
            allocator.release(allocator.allocate(4096)); // pushes `other` out of quarantine, poison intact
            assertEquals(1, marks.count(Mark.QUARANTINE_POISON_VERIFIED));
        }
    }

    @Test
    void guardModeReleasesAreRecordedForJfr(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("guard.jfr");
        try (Recording recording = new Recording(); PooledSegmentAllocator allocator = open(REGION_BYTES, true,
                Marks.none())) {
            recording.enable("segcheck.SegmentRelease").withoutThreshold();
            recording.start();
            allocator.release(allocator.allocate(4096));
            recording.stop();
            recording.dump(file);
        }
        assertEquals(1, RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("segcheck.SegmentRelease")).count());
    }

    @Test
    void anOpenAllocatorSaysSoAndKeepsItsConfig() {
        PooledSegmentAllocator allocator = open(REGION_BYTES, false, Marks.none());
        AllocatorConfig config = allocator.config();
        assertFalse(allocator.isClosed());
        allocator.close();
        assertTrue(allocator.isClosed());
        assertSame(config, allocator.config());
        assertEquals(REGION_BYTES, config.budgetBytes());
    }

    private static AllocatorStats.ClassStats classStats(AllocatorStats stats, int sizeBytes) {
        return stats.classes().stream().filter(c -> c.sizeBytes() == sizeBytes).findFirst().orElseThrow();
    }

}
