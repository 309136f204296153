package io.segcheck.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

/**
 * Every way this JVM offers to zero a page-sized off-heap segment, on a hot buffer, so the
 * allocator's zeroing can be held against the fastest of them.
 *
 * <p>How to run: {@code ./segcheck bench ZeroingFloorBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}. Each
 * benchmark zeroes the whole buffer and then writes one word, as an allocation and its first write
 * do. The loops differ only in shape; whether C2 turned one into vector stores is read from its
 * generated code ({@code -XX:+PrintAssembly} with a disassembler plug-in), not guessed from the time.
 *
 * <ul>
 *   <li>{@code intIndexLoop}: {@code setAtIndex} with an int counter (the shape the allocator used);</li>
 *   <li>{@code longIndexLoop}: the same with a long counter;</li>
 *   <li>{@code longOffsetLoop}: {@code set} at a byte offset stepping by 8;</li>
 *   <li>{@code alignedLayoutLoop}: {@code setAtIndex} with the aligned {@code JAVA_LONG} layout;</li>
 *   <li>{@code unrolledLoop}: eight stores per iteration, by hand;</li>
 *   <li>{@code fill}: {@code MemorySegment.fill(0)};</li>
 *   <li>{@code copyFromZeros}: {@code copyFrom} a zeroed segment of the same size;</li>
 *   <li>{@code memsetDowncall}: the C library's {@code memset} through a critical FFM downcall
 *       (no thread-state transition), which picks {@code rep stosb} or vector stores by size;</li>
 *   <li>{@code freshSliceOfSharedRegion}: the int loop over a new slice of a shared arena's
 *       segment each time, which is what the allocator zeroes (a region's memory belongs to a
 *       shared arena, and each lease is a fresh slice instance).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ZeroingFloorBenchmark {

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfLong ALIGNED_WORD = ValueLayout.JAVA_LONG;
    private static final MethodHandle MEMSET = memset();

    /** A page-aligned hot buffer per thread, a zeroed source of the same size, and a shared region. */
    @State(Scope.Thread)
    public static class Buffers {

        @Param({"4096", "65536", "262144"})
        public int sizeBytes;

        Arena confined;
        Arena shared;
        MemorySegment buffer;
        MemorySegment zeros;
        MemorySegment region;

        @Setup(Level.Trial)
        public void open() {
            confined = Arena.ofConfined();
            shared = Arena.ofShared();
            buffer = confined.allocate(sizeBytes, 4096);
            zeros = confined.allocate(sizeBytes, 4096);
            region = shared.allocate(sizeBytes, 4096);
        }

        @TearDown(Level.Trial)
        public void close() {
            confined.close();
            shared.close();
        }
    }

    @Benchmark
    public long intIndexLoop(Buffers buffers) {
        MemorySegment buffer = buffers.buffer;
        int words = (int) (buffer.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            buffer.setAtIndex(WORD, word, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long longIndexLoop(Buffers buffers) {
        MemorySegment buffer = buffers.buffer;
        long words = buffer.byteSize() >>> 3;
        for (long word = 0; word < words; word++) {
            buffer.setAtIndex(WORD, word, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long longOffsetLoop(Buffers buffers) {
        MemorySegment buffer = buffers.buffer;
        long bytes = buffer.byteSize();
        for (long offset = 0; offset < bytes; offset += 8) {
            buffer.set(WORD, offset, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long alignedLayoutLoop(Buffers buffers) {
        MemorySegment buffer = buffers.buffer;
        int words = (int) (buffer.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            buffer.setAtIndex(ALIGNED_WORD, word, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long unrolledLoop(Buffers buffers) {
        MemorySegment buffer = buffers.buffer;
        long bytes = buffer.byteSize();
        for (long offset = 0; offset < bytes; offset += 64) {
            buffer.set(WORD, offset, 0L);
            buffer.set(WORD, offset + 8, 0L);
            buffer.set(WORD, offset + 16, 0L);
            buffer.set(WORD, offset + 24, 0L);
            buffer.set(WORD, offset + 32, 0L);
            buffer.set(WORD, offset + 40, 0L);
            buffer.set(WORD, offset + 48, 0L);
            buffer.set(WORD, offset + 56, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long fill(Buffers buffers) {
        buffers.buffer.fill((byte) 0);
        return firstWrite(buffers.buffer);
    }

    @Benchmark
    public long copyFromZeros(Buffers buffers) {
        buffers.buffer.copyFrom(buffers.zeros);
        return firstWrite(buffers.buffer);
    }

    @Benchmark
    public long memsetDowncall(Buffers buffers) throws Throwable {
        MemorySegment ignored = (MemorySegment) MEMSET.invokeExact(buffers.buffer, 0, buffers.buffer.byteSize());
        return firstWrite(buffers.buffer);
    }

    @Benchmark
    public long freshSliceOfSharedRegion(Buffers buffers) {
        MemorySegment slice = buffers.region.asSlice(0, buffers.sizeBytes);
        int words = (int) (slice.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            slice.setAtIndex(WORD, word, 0L);
        }
        return firstWrite(slice);
    }

    @SuppressWarnings("restricted") // a downcall to libc; the benchmark JVM runs with --enable-native-access
    private static MethodHandle memset() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().findOrThrow("memset"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                Linker.Option.critical(false));
    }

    /** The first write of a new owner, so no benchmark can zero a buffer nobody reads. */
    private static long firstWrite(MemorySegment buffer) {
        buffer.set(WORD, 0, 1L);
        return buffer.address();
    }
}
