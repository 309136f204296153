package io.segcheck.bench;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.ArenaSegmentAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
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
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * One allocate + write + release of a page-sized segment, side by side with the alternatives and
 * the zeroing floor, so the ratios come from one run on one machine.
 *
 * <p>How to run: {@code ./segcheck bench AllocateReleaseBenchmark -t 1} and again with {@code -t 2}
 * (all threads share one allocator, as pages of one engine do); {@code -p allocatorKind=arena} measures
 * the portable fallback instead of the platform allocator. Short run used for the README:
 * {@code ./segcheck bench AllocateReleaseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1} (then {@code -t 2}).
 *
 * <ul>
 *   <li>{@code segcheck}: the platform allocator ({@code SegmentAllocators.create}), zeroing on
 *       allocate;</li>
 *   <li>{@code arenaShared} / {@code arenaConfined}: one arena per page, allocate (zeroed), write,
 *       close; the shared one is the seed's slow design;</li>
 *   <li>{@code zeroFill} / {@code zeroLongLoop}: zeroing a hot buffer of the same size with
 *       {@code MemorySegment.fill(0)} and with an 8-byte store loop: the floor of any allocator
 *       that hands out zeroed memory. (The loop unrolled by hand into 64-byte chunks of
 *       {@code setAtIndex} was tried too: 4-10x slower than the plain loop, which C2 vectorizes.)</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AllocateReleaseBenchmark {

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    /** One allocator shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class SharedAllocator {

        @Param({"4096", "65536", "262144"})
        public int sizeBytes;

        /** {@code platform}: what {@code SegmentAllocators.create} picks (mmap on Linux); {@code arena}: the fallback. */
        @Param({"platform"})
        public String allocatorKind;

        OffHeapAllocator allocator;

        @Setup(Level.Trial)
        public void open() {
            allocator = allocatorKind.equals("arena") ? new ArenaSegmentAllocator(AllocatorConfig.defaults())
                    : SegmentAllocators.create(AllocatorConfig.defaults());
        }

        @TearDown(Level.Trial)
        public void close() {
            allocator.close();
        }
    }

    /** A per-thread hot buffer for the zeroing floor. */
    @State(Scope.Thread)
    public static class HotBuffer {

        Arena arena;
        MemorySegment buffer;

        @Setup(Level.Trial)
        public void open(SharedAllocator shared) {
            arena = Arena.ofConfined();
            buffer = arena.allocate(shared.sizeBytes, 4096);
        }

        @TearDown(Level.Trial)
        public void close() {
            arena.close();
        }
    }

    @Benchmark
    public long segcheck(SharedAllocator shared) {
        MemorySegment segment = shared.allocator.allocate(shared.sizeBytes);
        segment.set(WORD, 0, 1L);
        long address = segment.address();
        shared.allocator.release(segment);
        return address;
    }

    @Benchmark
    public long arenaShared(SharedAllocator shared) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment segment = arena.allocate(shared.sizeBytes, 8);
            segment.set(WORD, 0, 1L);
            return segment.address();
        }
    }

    @Benchmark
    public long arenaConfined(SharedAllocator shared) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(shared.sizeBytes, 8);
            segment.set(WORD, 0, 1L);
            return segment.address();
        }
    }

    @Benchmark
    public long zeroFill(HotBuffer hot) {
        hot.buffer.fill((byte) 0);
        hot.buffer.set(WORD, 0, 1L);
        return hot.buffer.address();
    }

    @Benchmark
    public long zeroLongLoop(HotBuffer hot) {
        MemorySegment buffer = hot.buffer;
        int words = (int) (buffer.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            buffer.setAtIndex(WORD, word, 0L);
        }
        buffer.set(WORD, 0, 1L);
        return buffer.address();
    }
}
