package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * A broken allocator for the kit's own tests: it maps one region with {@code mmap} and hands out
 * raw views of it that no arena guards, then {@code munmap}s the region on close while declaring a
 * closed state. Touching a segment after close therefore crashes the JVM with SIGSEGV, which the
 * kit must report as one finding from a forked JVM.
 */
@SuppressWarnings("restricted") // raw downcalls and reinterpret are the point of this broken allocator
public final class UnmappingAllocatorFactory implements AllocatorFactory {

    private static final int SIZE = 4096;
    private static final long REGION_BYTES = 1 << 20;
    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        Linker linker = Linker.nativeLinker();
        MMAP = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MUNMAP = linker.downcallHandle(linker.defaultLookup().find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new Unmapping();
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(List.of(SIZE)).closedState(true).build();
    }

    private static final class Unmapping implements OffHeapAllocator {
        private final MemorySegment region;
        private long next;

        Unmapping() {
            try {
                // PROT_READ|PROT_WRITE = 3, MAP_PRIVATE|MAP_ANONYMOUS = 0x22
                region = ((MemorySegment) MMAP.invokeExact(MemorySegment.NULL, REGION_BYTES, 3, 0x22, -1, 0L))
                        .reinterpret(REGION_BYTES);
            } catch (Throwable failed) {
                throw new IllegalStateException(failed);
            }
        }

        @Override
        public MemorySegment allocate(long bytes) {
            if (bytes <= 0 || bytes > SIZE) {
                throw new IllegalArgumentException("bytes=" + bytes);
            }
            MemorySegment segment = region.asSlice(next % REGION_BYTES, SIZE);
            next += SIZE;
            return segment;
        }

        @Override
        public void release(MemorySegment segment) {
            // no bookkeeping: this allocator is broken on purpose
        }

        @Override
        public AllocatorStats stats() {
            return new AllocatorStats(REGION_BYTES, AllocatorStats.UNKNOWN, AllocatorStats.UNKNOWN,
                    AllocatorStats.UNKNOWN, AllocatorStats.UNKNOWN, List.of());
        }

        @Override
        public void close() {
            try {
                int ignored = (int) MUNMAP.invokeExact(region, REGION_BYTES);
            } catch (Throwable failed) {
                throw new IllegalStateException(failed);
            }
        }
    }
}
