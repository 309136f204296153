package io.segcheck.bench;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.AllocatorConfig;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * What {@code --jobs} does to a guard-mode allocator: one allocator per thread, as every seed's
 * world has its own, each thread leasing, writing and releasing a page in guard mode (a view with
 * its own arena per lease, closed on release), as the simulator's worlds do about 13 times a seed.
 * {@code oneWorld} runs on one thread, {@code twoWorlds} on two; the scaling is the ratio of their
 * scores (operations per microsecond, summed over the threads), in the same run.
 *
 * <p>{@code oneThread=false} is the allocator as production builds it (shared arenas): closing a
 * shared arena is a handshake with every thread of the JVM, so each release waits for the other
 * world's thread to stop at a safepoint poll. {@code oneThread=true} is what a world builds
 * ({@link AllocatorConfig#oneThread}, confined arenas): no handshake.
 *
 * <p>How to run: {@code ./segcheck bench WorldsSideBySideBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}; on a
 * machine with 2 idle cores, {@code twoWorlds / oneWorld} near 2 means the worlds do not hold each
 * other up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WorldsSideBySideBenchmark {

    private static final long PAGE_BYTES = 4096;
    private static final long KIB = 1024;

    /** Whether each world's allocator keeps its memory to its thread (confined arenas). */
    @State(Scope.Benchmark)
    public static class Setting {
        @Param({"false", "true"})
        public boolean oneThread;
    }

    /** One thread's world: its own guard-mode allocator, built and used on that thread. */
    @State(Scope.Thread)
    public static class World {
        OffHeapAllocator allocator;
        long written;

        @Setup(Level.Trial)
        public void open(Setting setting) {
            allocator = SegmentAllocators.create(new AllocatorConfig(64 * 1024 * KIB, 4 * 1024 * KIB, true, 64)
                    .withOneThread(setting.oneThread));
        }

        @TearDown(Level.Trial)
        public void close() {
            allocator.close();
        }
    }

    private static long leaseWriteRelease(World world) {
        MemorySegment page = world.allocator.allocate(PAGE_BYTES);
        page.set(ValueLayout.JAVA_LONG, 0, ++world.written);
        long read = page.get(ValueLayout.JAVA_LONG, PAGE_BYTES - Long.BYTES);
        world.allocator.release(page);
        return read;
    }

    @Benchmark
    @Threads(1)
    public long oneWorld(World world) {
        return leaseWriteRelease(world);
    }

    @Benchmark
    @Threads(2)
    public long twoWorlds(World world) {
        return leaseWriteRelease(world);
    }
}
