package io.segcheck.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What a user pays for a page, not a bare lease: borrow a page of one size class from the pool,
 * write {@link #ENTRIES} entries into it (75% of the class), read every one back, return it
 * ({@code -p entries=0}: borrow and return alone, the allocator's share). The same lifecycle runs
 * on segcheck's allocator, on one {@code Arena.ofConfined()} per segment and on one
 * {@code Arena.ofShared()} per segment (the page and pool code is the same; only the
 * allocator behind the pool differs), and through a page cache: put, getAndGuard and read under
 * the guard, and the removal of the page put under the same key {@link #KEYS_PER_THREAD} operations
 * before, whose removal listener returns it (cause REPLACED; size eviction runs the same listener
 * and return, but Caffeine's admission policy rejects some new keys at random, so a benchmark of
 * it would read some pages and miss others).
 *
 * <p>How to run: {@code ./segcheck bench PageLifecycleBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1}
 * and again with {@code -t 2}. The segcheck pool and cache are shared by all threads; the arena
 * pools are per thread, since a confined arena can only be closed by the thread that opened it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PageLifecycleBenchmark {

    /** Entries per page: each {@code pageBytes / 256} bytes with its length word, so 75% of the class. */
    static final int ENTRIES = 192;
    /** Keys each thread cycles through in the cache; the cache is sized so it never evicts by size. */
    static final int KEYS_PER_THREAD = 8;
    /** Room in the cache for this many threads' keys. */
    private static final int MAX_THREADS = 8;

    /** The segcheck allocator, its pool and a page cache, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Shared {

        @Param({"4096", "65536", "262144"})
        public int pageBytes;

        /**
         * Entries written and read per page: {@value #ENTRIES} by default (75% of the class); with 0 a
         * lifecycle is borrow and return alone, the allocator's share of it.
         */
        @Param({"" + ENTRIES})
        public int entries;

        OffHeapAllocator allocator;
        KeyValueLeafPagePool pool;
        PageCache<Long> cache;

        @Setup(Level.Trial)
        public void open() {
            allocator = SegmentAllocators.create(AllocatorConfig.defaults());
            pool = new KeyValueLeafPagePool(allocator);
            // Listeners on the calling thread: returning the replaced page is part of the put that replaced it.
            cache = new PageCache<>(pool, (long) MAX_THREADS * KEYS_PER_THREAD * pageBytes, Runnable::run,
                    Ticker.systemTicker(), Defects.none());
        }

        @TearDown(Level.Trial)
        public void close() {
            cache.invalidateAll();
            allocator.close();
        }
    }

    /** Per thread: the entry payload, cache keys of its own, and the pools on per-segment arenas. */
    @State(Scope.Thread)
    public static class PerThread {

        byte[] payload;
        long firstKey;
        long operation;
        ArenaPerSegmentAllocator confinedAllocator;
        ArenaPerSegmentAllocator sharedAllocator;
        KeyValueLeafPagePool confinedPool;
        KeyValueLeafPagePool sharedPool;

        @Setup(Level.Trial)
        public void open(Shared shared, ThreadParams thread) {
            payload = new byte[shared.pageBytes / 256 - Integer.BYTES];
            Arrays.fill(payload, (byte) 0x5A);
            firstKey = (long) thread.getThreadIndex() * KEYS_PER_THREAD;
            confinedAllocator = new ArenaPerSegmentAllocator(Arena::ofConfined);
            sharedAllocator = new ArenaPerSegmentAllocator(Arena::ofShared);
            confinedPool = new KeyValueLeafPagePool(confinedAllocator);
            sharedPool = new KeyValueLeafPagePool(sharedAllocator);
        }

        @TearDown(Level.Trial)
        public void close() {
            confinedAllocator.close();
            sharedAllocator.close();
        }
    }

    @Benchmark
    public long segcheck(Shared shared, PerThread thread) {
        return lifecycle(shared.pool, shared, thread.payload);
    }

    @Benchmark
    public long arenaConfined(Shared shared, PerThread thread) {
        return lifecycle(thread.confinedPool, shared, thread.payload);
    }

    @Benchmark
    public long arenaShared(Shared shared, PerThread thread) {
        return lifecycle(thread.sharedPool, shared, thread.payload);
    }

    @Benchmark
    public long segcheckThroughCache(Shared shared, PerThread thread) {
        long key = thread.firstKey + thread.operation++ % KEYS_PER_THREAD;
        KeyValueLeafPage page = shared.pool.borrowPage(key, 0, shared.pageBytes, false);
        write(page, shared.entries, thread.payload);
        shared.cache.put(key, page);
        try (PageGuard guard = shared.cache.getAndGuard(key).orElseThrow()) {
            return read(guard.page(), shared.entries);
        }
    }

    private static long lifecycle(KeyValueLeafPagePool pool, Shared shared, byte[] payload) {
        KeyValueLeafPage page = pool.borrowPage(0, 0, shared.pageBytes, false);
        write(page, shared.entries, payload);
        long sum = read(page, shared.entries);
        pool.returnPage(page);
        return sum;
    }

    private static void write(KeyValueLeafPage page, int entries, byte[] payload) {
        for (int slot = 0; slot < entries; slot++) {
            page.setSlot(slot, payload);
        }
    }

    private static long read(KeyValueLeafPage page, int entries) {
        long sum = 0;
        for (int slot = 0; slot < entries; slot++) {
            byte[] entry = page.getSlot(slot);
            sum += entry.length + entry[entry.length - 1];
        }
        return sum;
    }
}
