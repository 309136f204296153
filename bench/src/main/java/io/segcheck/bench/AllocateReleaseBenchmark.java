package io.segcheck.bench;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.ArenaSegmentAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Marks;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One allocate + write + release of a page-sized segment, side by side with the alternatives and
 * the zeroing floor, so the ratios come from one run on one machine.
 *
 * <p>How to run: {@code ./segcheck bench AllocateReleaseBenchmark -t 1} and again with {@code -t 2}
 * (all threads share one allocator, as pages of one engine do); {@code -p allocatorKind=arena} measures
 * the portable fallback instead of the platform allocator. Short run used for the README:
 * {@code ./segcheck bench AllocateReleaseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1} (then {@code -t 2}).
 * {@code -p parkedThreads=0,64} measures the shared arena's close with more live threads in the JVM.
 *
 * <ul>
 *   <li>{@code segcheck}: the platform allocator ({@code SegmentAllocators.create}) with default
 *       settings, zeroing on allocate;</li>
 *   <li>{@code segcheckHugePages}: the same with regions advised for huge pages;</li>
 *   <li>{@code segcheckHooksArmed}: the default allocator with its fault sites asking a hook that
 *       is armed but never fires ({@link SilentFaults}) and the rare-path marks recording, against
 *       {@code segcheck}'s production hooks ({@code Faults.none()}, {@code Marks.none()}): what the
 *       hooks cost on this path when they are there and silent;</li>
 *   <li>{@code segcheckGuard}: guard mode (a view with its own arena per lease, FIFO quarantine,
 *       poison written on release and verified on leaving quarantine), the setting of the tests
 *       and the simulator;</li>
 *   <li>{@code arenaShared} / {@code arenaConfined}: one arena per page, allocate (page aligned,
 *       zeroed by the JDK), write, close; the shared one is the seed's slow design;</li>
 *   <li>{@code zeroFloor}: zeroing a hot buffer of the same size with the fastest loop of
 *       {@link ZeroingFloorBenchmark}, then the same first write: the floor of any allocator
 *       that hands out zeroed memory;</li>
 *   <li>{@code zeroFill}: the same with {@code MemorySegment.fill(0)}, which calls a stub of
 *       8-byte scalar stores where C2 compiles the loop to 64-byte vector stores;</li>
 *   <li>{@code segcheckRing}, {@code segcheckHugePagesRing}, {@code zeroFloorRing}: each thread
 *       keeps {@link #RING} segments leased, as an engine keeps pages, and each operation releases
 *       the oldest and leases a new one (LIFO hands back the slice just released, so the threads
 *       cycle through {@code RING} slices, past the core's own cache at 256 KiB); the floor zeroes
 *       {@code RING} malloc'd buffers in turn.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AllocateReleaseBenchmark {

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long PAGE_BYTES = 4096;
    /** Segments each thread keeps leased in the ring benchmarks. */
    static final int RING = 16;

    /** The allocators under test, each shared by every benchmark thread; regions are mapped on first use. */
    @State(Scope.Benchmark)
    public static class SharedAllocator {

        @Param({"4096", "65536", "262144"})
        public int sizeBytes;

        /** {@code platform}: what {@code SegmentAllocators.create} picks (mmap on Linux); {@code arena}: the fallback. */
        @Param({"platform"})
        public String allocatorKind;

        /**
         * Platform threads kept alive beside the benchmark, parked, as a server's pools keep them. A
         * shared arena's close is a handshake with every live thread, so its cost grows with them; the
         * benchmark's own JVM has only JMH's and the JDK's threads. The allocators never look at them.
         */
        @Param({"0"})
        public int parkedThreads;

        private final List<Thread> parked = new ArrayList<>();
        private volatile boolean stopParked;

        OffHeapAllocator allocator;
        OffHeapAllocator hugePages;
        OffHeapAllocator guarded;
        OffHeapAllocator hooksArmed;

        @Setup(Level.Trial)
        public void open() {
            for (int i = 0; i < parkedThreads; i++) {
                parked.add(Thread.ofPlatform().daemon().name("parked-" + i).start(() -> {
                    while (!stopParked) {
                        LockSupport.park();
                    }
                }));
            }
            allocator = create(AllocatorConfig.defaults());
            hugePages = create(AllocatorConfig.defaults().withHugePages(true));
            guarded = create(AllocatorConfig.defaults().withGuardMode(true));
            Defects recordingMarks = Defects.none().withMarks(Marks.recording());
            hooksArmed = SegmentAllocators.create(AllocatorConfig.defaults(),
                    recordingMarks, new SilentFaults());
        }

        private OffHeapAllocator create(AllocatorConfig config) {
            return allocatorKind.equals("arena") ? new ArenaSegmentAllocator(config) : SegmentAllocators.create(config);
        }

        @TearDown(Level.Trial)
        public void close() {
            allocator.close();
            hugePages.close();
            guarded.close();
            hooksArmed.close();
            stopParked = true;
            for (Thread thread : parked) {
                LockSupport.unpark(thread);
            }
            parked.clear();
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
            buffer = arena.allocate(shared.sizeBytes, PAGE_BYTES);
        }

        @TearDown(Level.Trial)
        public void close() {
            arena.close();
        }
    }

    /** Per thread: {@link #RING} leases of each allocator, or buffers, used oldest first. */
    @State(Scope.Thread)
    public static class Ring {

        final MemorySegment[] leases = new MemorySegment[RING];
        final MemorySegment[] hugePageLeases = new MemorySegment[RING];
        final MemorySegment[] buffers = new MemorySegment[RING];
        Arena arena;
        int next;

        @Setup(Level.Trial)
        public void open(SharedAllocator shared) {
            arena = Arena.ofConfined();
            for (int i = 0; i < RING; i++) {
                leases[i] = shared.allocator.allocate(shared.sizeBytes);
                hugePageLeases[i] = shared.hugePages.allocate(shared.sizeBytes);
                buffers[i] = arena.allocate(shared.sizeBytes, PAGE_BYTES);
            }
        }

        @TearDown(Level.Trial)
        public void close(SharedAllocator shared) {
            for (int i = 0; i < RING; i++) {
                shared.allocator.release(leases[i]);
                shared.hugePages.release(hugePageLeases[i]);
            }
            arena.close();
        }

        int advance() {
            int slot = next;
            next = (next + 1) % RING;
            return slot;
        }
    }

    @Benchmark
    public long segcheckRing(SharedAllocator shared, Ring ring) {
        return replaceOldest(shared.allocator, shared.sizeBytes, ring.leases, ring.advance());
    }

    @Benchmark
    public long segcheckHugePagesRing(SharedAllocator shared, Ring ring) {
        return replaceOldest(shared.hugePages, shared.sizeBytes, ring.hugePageLeases, ring.advance());
    }

    @Benchmark
    public long zeroFloorRing(Ring ring) {
        MemorySegment buffer = ring.buffers[ring.advance()];
        int words = (int) (buffer.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            buffer.setAtIndex(WORD, word, 0L);
        }
        return firstWrite(buffer);
    }

    private static long replaceOldest(OffHeapAllocator allocator, int sizeBytes, MemorySegment[] leases, int oldest) {
        allocator.release(leases[oldest]);
        MemorySegment segment = allocator.allocate(sizeBytes);
        leases[oldest] = segment;
        return firstWrite(segment);
    }

    @Benchmark
    public long segcheck(SharedAllocator shared) {
        return leaseWriteRelease(shared.allocator, shared.sizeBytes);
    }

    @Benchmark
    public long segcheckHugePages(SharedAllocator shared) {
        return leaseWriteRelease(shared.hugePages, shared.sizeBytes);
    }

    @Benchmark
    public long segcheckGuard(SharedAllocator shared) {
        return leaseWriteRelease(shared.guarded, shared.sizeBytes);
    }

    @Benchmark
    public long segcheckHooksArmed(SharedAllocator shared) {
        return leaseWriteRelease(shared.hooksArmed, shared.sizeBytes);
    }

    @Benchmark
    public long arenaShared(SharedAllocator shared) {
        try (Arena arena = Arena.ofShared()) {
            return firstWrite(arena.allocate(shared.sizeBytes, PAGE_BYTES));
        }
    }

    @Benchmark
    public long arenaConfined(SharedAllocator shared) {
        try (Arena arena = Arena.ofConfined()) {
            return firstWrite(arena.allocate(shared.sizeBytes, PAGE_BYTES));
        }
    }

    @Benchmark
    public long zeroFloor(HotBuffer hot) {
        MemorySegment buffer = hot.buffer;
        int words = (int) (buffer.byteSize() >>> 3);
        for (int word = 0; word < words; word++) {
            buffer.setAtIndex(WORD, word, 0L);
        }
        return firstWrite(buffer);
    }

    @Benchmark
    public long zeroFill(HotBuffer hot) {
        hot.buffer.fill((byte) 0);
        return firstWrite(hot.buffer);
    }

    private static long leaseWriteRelease(OffHeapAllocator allocator, int sizeBytes) {
        MemorySegment segment = allocator.allocate(sizeBytes);
        long address = firstWrite(segment);
        allocator.release(segment);
        return address;
    }

    private static long firstWrite(MemorySegment segment) {
        segment.set(WORD, 0, 1L);
        return segment.address();
    }
}
