package io.segcheck.impl.alloc;

import io.segcheck.api.SegmentOwnershipException;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR events of the segment allocators, for JDK Mission Control and for tests that record them.
 *
 * <p>Allocate and release happen millions of times a second, so they are off unless a recording
 * enables them by name ({@code segcheck.SegmentAllocate}, {@code segcheck.SegmentRelease}); region
 * map/unmap and rejected releases are rare and on by default. When no recording wants an event,
 * {@code shouldCommit()} is false and escape analysis removes the event object.
 *
 * <p>From the command line the setting needs a leading {@code +}, because these events are not in
 * the JDK's {@code default.jfc} and JFR ignores a setting for an event that the settings file does
 * not list unless it is marked as added:
 * <pre>{@code
 * -XX:StartFlightRecording:filename=alloc.jfr,+segcheck.SegmentAllocate#enabled=true,+segcheck.SegmentRelease#enabled=true
 * }</pre>
 * ({@code segcheck.SegmentAllocate#enabled=true} without the {@code +} records no event.)
 */
final class AllocatorEvents {

    private AllocatorEvents() {
    }

    @Name("segcheck.SegmentAllocate")
    @Label("Segment Allocate")
    @Category({"segcheck", "Allocator"})
    @Description("A slice was leased")
    @Enabled(false)
    @StackTrace(false)
    static final class Allocate extends Event {
        @Label("Class Bytes")
        @DataAmount
        int classBytes;
        @Label("Address")
        long address;
    }

    @Name("segcheck.SegmentRelease")
    @Label("Segment Release")
    @Category({"segcheck", "Allocator"})
    @Description("A lease ended and its slice went back to the free list or quarantine")
    @Enabled(false)
    @StackTrace(false)
    static final class Release extends Event {
        @Label("Class Bytes")
        @DataAmount
        int classBytes;
        @Label("Address")
        long address;
    }

    @Name("segcheck.RegionMap")
    @Label("Region Map")
    @Category({"segcheck", "Allocator"})
    @Description("A region was mapped for a size class")
    static final class RegionMap extends Event {
        @Label("Class Bytes")
        @DataAmount
        int classBytes;
        @Label("Address")
        long address;
        @Label("Region Bytes")
        @DataAmount
        long regionBytes;
        @Label("Mapped Bytes After")
        @DataAmount
        long mappedBytes;
    }

    @Name("segcheck.RegionUnmap")
    @Label("Region Unmap")
    @Category({"segcheck", "Allocator"})
    @Description("A fully free region was unmapped (budget pressure or close)")
    static final class RegionUnmap extends Event {
        @Label("Class Bytes")
        @DataAmount
        int classBytes;
        @Label("Address")
        long address;
        @Label("Region Bytes")
        @DataAmount
        long regionBytes;
        @Label("Mapped Bytes After")
        @DataAmount
        long mappedBytes;
    }

    @Name("segcheck.RejectedRelease")
    @Label("Rejected Release")
    @Category({"segcheck", "Allocator"})
    @Description("A release was refused: double release, foreign segment or stale instance")
    static final class RejectedRelease extends Event {
        @Label("Kind")
        String kind;
        @Label("Address")
        long address;
        @Label("Segment Bytes")
        @DataAmount
        long segmentBytes;
        @Label("Message")
        String message;
    }

    static void allocated(int classBytes, long address) {
        Allocate event = new Allocate();
        if (event.shouldCommit()) {
            event.classBytes = classBytes;
            event.address = address;
            event.commit();
        }
    }

    static void released(int classBytes, long address) {
        Release event = new Release();
        if (event.shouldCommit()) {
            event.classBytes = classBytes;
            event.address = address;
            event.commit();
        }
    }

    static void regionMapped(Region region, long mappedBytes) {
        RegionMap event = new RegionMap();
        if (event.shouldCommit()) {
            event.classBytes = region.sliceBytes;
            event.address = region.baseAddress;
            event.regionBytes = region.regionBytes;
            event.mappedBytes = mappedBytes;
            event.commit();
        }
    }

    static void regionUnmapped(Region region, long mappedBytes) {
        RegionUnmap event = new RegionUnmap();
        if (event.shouldCommit()) {
            event.classBytes = region.sliceBytes;
            event.address = region.baseAddress;
            event.regionBytes = region.regionBytes;
            event.mappedBytes = mappedBytes;
            event.commit();
        }
    }

    static void rejected(SegmentOwnershipException rejection, long segmentBytes) {
        RejectedRelease event = new RejectedRelease();
        if (event.shouldCommit()) {
            event.kind = rejection.kind().name();
            event.address = rejection.address();
            event.segmentBytes = segmentBytes;
            event.message = rejection.getMessage();
            event.commit();
        }
    }
}
