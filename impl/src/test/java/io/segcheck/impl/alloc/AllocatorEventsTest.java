package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocator's JFR events are emitted with their fields when a recording enables them. */
class AllocatorEventsTest {

    private static final List<String> EVENT_NAMES = List.of("segcheck.SegmentAllocate", "segcheck.SegmentRelease",
            "segcheck.RegionMap", "segcheck.RegionUnmap", "segcheck.RejectedRelease");

    @Test
    void recordingSeesAllocateReleaseRegionMapUnmapAndRejectedRelease(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("alloc.jfr");
        MemorySegment segment;
        try (Recording recording = new Recording()) {
            EVENT_NAMES.forEach(name -> recording.enable(name).withoutThreshold());
            recording.start();
            try (OffHeapAllocator allocator = SegmentAllocators.create(AllocatorConfig.defaults()
                    .withRegionBytes(SizeClass.MAX_BYTES).withBudgetBytes(SizeClass.MAX_BYTES))) {
                segment = allocator.allocate(4096);
                allocator.release(segment);
                assertThrows(SegmentOwnershipException.class, () -> allocator.release(segment));
                allocator.allocate(SizeClass.MAX_BYTES); // unmaps the free 4 KiB region to stay in budget
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        for (String name : EVENT_NAMES) {
            assertTrue(events.stream().anyMatch(event -> event.getEventType().getName().equals(name)),
                    "no event " + name);
        }
        RecordedEvent allocate = only(events, "segcheck.SegmentAllocate", 4096);
        assertEquals(segment.address(), allocate.getLong("address"));
        RecordedEvent rejected = events.stream()
                .filter(event -> event.getEventType().getName().equals("segcheck.RejectedRelease"))
                .findFirst().orElseThrow();
        assertEquals("DOUBLE_RELEASE", rejected.getString("kind"));
        assertEquals(segment.address(), rejected.getLong("address"));
    }

    @Test
    void allocateAndReleaseEventsAreOffUnlessEnabled(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("default.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            try (OffHeapAllocator allocator = SegmentAllocators.create()) {
                allocator.release(allocator.allocate(4096));
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertTrue(events.stream().noneMatch(event -> event.getEventType().getName().equals("segcheck.SegmentAllocate")));
        assertTrue(events.stream().anyMatch(event -> event.getEventType().getName().equals("segcheck.RegionMap")),
                "region events are on by default");
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name, int classBytes) {
        List<RecordedEvent> matching = events.stream()
                .filter(event -> event.getEventType().getName().equals(name) && event.getInt("classBytes") == classBytes)
                .toList();
        assertEquals(1, matching.size(), name + " classBytes=" + classBytes);
        return matching.getFirst();
    }
}
