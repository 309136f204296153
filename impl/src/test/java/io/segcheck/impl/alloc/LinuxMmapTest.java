package io.segcheck.impl.alloc;

import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Region mapping: huge-page placement and advice, zeroed memory, and unmapping of exactly the region. */
@EnabledOnOs(OS.LINUX)
class LinuxMmapTest {

    private static final long REGION_BYTES = 4L << 20;

    private final LinuxMmap mmap = LinuxMmap.load().orElseThrow();

    @Test
    void hugePageRegionStartsOnAHugePageBoundaryAndIsZeroAndWritable() {
        Arena arena = Arena.ofShared();
        MemorySegment region = mmap.map(arena, REGION_BYTES, true, Faults.none());
        assertEquals(0, region.address() % LinuxMmap.HUGE_PAGE_BYTES, "address=0x" + Long.toHexString(region.address()));
        assertEquals(REGION_BYTES, region.byteSize());
        assertAllZeroThenWritable(region);
        arena.close();
        mmap.unmap(region, Faults.none());
    }

    @Test
    void hugePageRegionIsEligibleForTransparentHugePages() throws IOException {
        assumeFalse(Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")).contains("[never]"),
                "transparent huge pages are switched off on this kernel");
        Arena arena = Arena.ofShared();
        MemorySegment region = mmap.map(arena, REGION_BYTES, true, Faults.none());
        assertEquals("1", smapsField(region.address(), "THPeligible"));
        arena.close();
        mmap.unmap(region, Faults.none());
    }

    @Test
    void smallPageRegionIsNotAdvised() throws IOException {
        Arena arena = Arena.ofShared();
        MemorySegment region = mmap.map(arena, REGION_BYTES, false, Faults.none());
        assertEquals(0, region.address() % 4096);
        assertAllZeroThenWritable(region);
        assertEquals(false, smapsField(region.address(), "VmFlags").contains(" hg"));
        arena.close();
        mmap.unmap(region, Faults.none());
    }

    @Test
    void regionSmallerThanAHugePageIsMappedWithoutAdvice() {
        Arena arena = Arena.ofShared();
        MemorySegment region = mmap.map(arena, 256 * 1024, true, Faults.none());
        assertEquals(256 * 1024, region.byteSize());
        assertAllZeroThenWritable(region);
        arena.close();
        mmap.unmap(region, Faults.none());
    }

    @Test
    void regionUsedAfterItsArenaClosedThrowsInsteadOfFaulting() {
        Arena arena = Arena.ofShared();
        MemorySegment region = mmap.map(arena, REGION_BYTES, true, Faults.none());
        arena.close();
        mmap.unmap(region, Faults.none());
        assertThrows(IllegalStateException.class, () -> region.get(ValueLayout.JAVA_LONG, 0));
    }

    private static void assertAllZeroThenWritable(MemorySegment region) {
        for (long offset = 0; offset < region.byteSize(); offset += 8) {
            if (region.get(ValueLayout.JAVA_LONG, offset) != 0) {
                throw new AssertionError("not zero at offset=" + offset);
            }
        }
        region.set(ValueLayout.JAVA_LONG, region.byteSize() - 8, -1L);
        assertEquals(-1L, region.get(ValueLayout.JAVA_LONG, region.byteSize() - 8));
    }

    /** The value of {@code field} in the smaps entry of the mapping that holds {@code address}. */
    private static String smapsField(long address, String field) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                long start = HexFormat.fromHexDigitsToLong(range[0]);
                long end = HexFormat.fromHexDigitsToLong(range[1]);
                inside = address >= start && address < end;
            } else if (inside && line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + field + " for address=0x" + Long.toHexString(address));
    }
}
