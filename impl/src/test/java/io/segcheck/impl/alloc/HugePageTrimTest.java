package io.segcheck.impl.alloc;

import io.segcheck.model.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A huge-page region maps one huge page more than it needs and gives back what lies outside the
 * aligned range: the pages past its end are unmapped again, and trimming a second region leaves the
 * first one mapped. Mapped or not is asked of the kernel with {@code msync}, which fails with
 * ENOMEM on a range that holds an unmapped page, so nothing here touches memory that may be gone.
 */
@EnabledOnOs(OS.LINUX)
@SuppressWarnings("restricted") // a libc downcall; the test JVM runs with --enable-native-access
class HugePageTrimTest {

    private static final long REGION_BYTES = 4L << 20;
    private static final long PAGE = 4096;
    private static final int MS_ASYNC = 1;
    private static final MethodHandle MSYNC = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().findOrThrow("msync"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

    private final LinuxMmap mmap = LinuxMmap.load().orElseThrow();

    @Test
    void theSpareHugePageIsGivenBackAndASecondRegionLeavesTheFirstMapped() {
        Arena firstArena = Arena.ofShared();
        MemorySegment first = mmap.map(firstArena, REGION_BYTES, true, Faults.none());
        assertTrue(mapped(first.address(), REGION_BYTES), "the region itself is mapped");
        assertFalse(mapped(first.address() + REGION_BYTES, PAGE), "the page after the region was given back");
        Arena secondArena = Arena.ofShared();
        MemorySegment second = mmap.map(secondArena, REGION_BYTES, true, Faults.none());
        assertTrue(mapped(second.address(), REGION_BYTES), "the second region is mapped");
        assertFalse(mapped(second.address() + REGION_BYTES, PAGE), "the page after the second region was given back");
        assertTrue(mapped(first.address(), REGION_BYTES), "trimming the second region left the first mapped");
        firstArena.close();
        secondArena.close();
        mmap.unmap(first, Faults.none());
        mmap.unmap(second, Faults.none());
    }

    private static boolean mapped(long address, long bytes) {
        try {
            return (int) MSYNC.invokeExact(MemorySegment.ofAddress(address), bytes, MS_ASYNC) == 0;
        } catch (Throwable failure) {
            throw new AssertionError("msync downcall failed", failure);
        }
    }
}
