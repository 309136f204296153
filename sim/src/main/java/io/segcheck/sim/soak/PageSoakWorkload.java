package io.segcheck.sim.soak;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.impl.alloc.PoisonViolationException;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageFullException;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.impl.page.PageStatus;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak load on pages, the pool and a weight-bounded Caffeine {@link PageCache} whose removal
 * listeners run on Caffeine's default asynchronous executor. A step is one of:
 * <ul>
 *   <li>write: borrow a page (or reuse a returned one with {@code resetForReuse}), fill its first
 *       {@link PageContent#baseSlots} slots, which forces resizes, with shared or separate DeweyID
 *       memory, and put it into the cache; now and then discard it instead: return it twice
 *       (through the pool and directly, both allowed) and clear it (allowed on a returned page);</li>
 *   <li>grow: guard a cached page, append slots, re-put it so the cache re-weighs it;</li>
 *   <li>read: {@code getAndGuard} a key and verify slots against {@link PageContent}.</li>
 * </ul>
 * At quiescence {@code invalidateAll} and {@code clearAllPagePools} must bring leased segments to
 * 0, and no release may have been rejected, no listener may have failed, no slot may differ.
 */
public final class PageSoakWorkload implements SoakWorkload {

    /**
     * Bytes that PREALLOCATED_POOL_LEAK leases at pool construction: 2 x 100 slices of each class,
     * 104038400 bytes, rounded up to 100 MiB. Added to the default budget and kept out of the
     * cache's share, so the defect run reaches quiescence and reports the leak there instead of
     * failing at construction.
     */
    static final long PREALLOCATION_RESERVE_BYTES = 100L << 20;

    /** Fewest keys the workers share; with the default weight the cache holds a small fraction of them. */
    static final int MIN_KEY_SPACE = 4096;
    /** Keys per byte of cache weight: all keys together weigh about five times the bound (pages average ~80 KiB). */
    static final long CACHE_BYTES_PER_KEY = 16 * 1024;
    /** Cache weight bound as a percentage of the allocator budget; see {@link #forBudget}. */
    static final int CACHE_PERCENT_OF_BUDGET = 65;
    /** Returned page objects a worker keeps for {@code resetForReuse}. */
    private static final int STASH_PAGES = 4;
    private static final long LISTENER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final OffHeapAllocator allocator;
    private final Defects defects;
    private final int keySpace;
    private final KeyValueLeafPagePool pool;
    private final CountingExecutor listenerExecutor = new CountingExecutor(ForkJoinPool.commonPool());
    private final PageCache<Long> cache;
    private final Counters counters = new Counters();

    /** The workload does not own {@code allocator}: the caller closes it after the report. */
    public PageSoakWorkload(OffHeapAllocator allocator, Defects defects, long maxWeightBytes, int keySpace) {
        if (keySpace < 1) {
            throw new IllegalArgumentException("keySpace=" + keySpace + " must be >= 1");
        }
        this.allocator = allocator;
        this.defects = defects;
        this.keySpace = keySpace;
        this.pool = new KeyValueLeafPagePool(allocator, defects);
        // Expiry is off, so the ticker is never read for eviction; a disabled ticker keeps the wall clock out.
        this.cache = new PageCache<>(pool, maxWeightBytes, listenerExecutor, Ticker.disabledTicker(), defects,
                null, (key, page, entryLife, cause, handling) -> counters.removal(cause, handling, page.state()));
    }

    /**
     * A workload sized to the allocator's budget: the cache bound is 65% of it, so size eviction
     * runs all the time, and the cache's natural mapped demand (about 1.8x its bound, because each
     * of the seven classes maps its own regions) exceeds the budget during warm-up, so mapped bytes
     * reach their ceiling early; at 80% most writes fail with exhaustion, at 50% mapped bytes are
     * still creeping up after warm-up (measured).
     */
    public static PageSoakWorkload forBudget(OffHeapAllocator allocator, Defects defects, long budgetBytes) {
        long maxWeightBytes = Math.max(0, budgetBytes - reservedBytes(defects)) / 100 * CACHE_PERCENT_OF_BUDGET;
        int keySpace = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_KEY_SPACE, maxWeightBytes / CACHE_BYTES_PER_KEY));
        return new PageSoakWorkload(allocator, defects, maxWeightBytes, keySpace);
    }

    /** Budget bytes the defects take before any page is borrowed (only PREALLOCATED_POOL_LEAK takes any). */
    static long reservedBytes(Defects defects) {
        return defects.isEnabled(Defect.PREALLOCATED_POOL_LEAK) ? PREALLOCATION_RESERVE_BYTES : 0;
    }

    @Override
    public String name() {
        return "page";
    }

    @Override
    public String settings() {
        return "allocator=" + allocator.getClass().getSimpleName() + " budgetBytes=" + allocator.stats().budgetBytes()
                + " defects=" + (defects.isEmpty() ? "none" : defects) + " keySpace=" + keySpace
                + " cacheMaxWeightBytes=" + cache.maxWeightBytes() + " listenerExecutor=ForkJoinPool.commonPool";
    }

    @Override
    public Worker newWorker(int workerIndex, long seed) {
        return new PageWorker(workerIndex, new SplittableRandom(seed));
    }

    @Override
    public long footprintBytes() {
        return allocator.stats().mappedBytes();
    }

    /**
     * Warm once mapped bytes are within one region of the budget. Below the budget the allocator
     * never unmaps, and each of the seven classes keeps the most regions it ever needed, so under a
     * weight-bounded cache mapped bytes keep creeping up by whole regions as the class mix
     * fluctuates (measured: 109 to 117 MiB after warm-up with a 64 MiB cache and a 1 GiB budget),
     * which is not a leak. At the budget the footprint is flat by construction and a leak shows as
     * exhaustion and as leased segments at quiescence. The default soak budget is sized so this
     * happens during warm-up; with a much larger {@code --budget} the run reports
     * {@code growthChecked=0}.
     */
    @Override
    public boolean isWarm() {
        AllocatorStats stats = allocator.stats();
        return stats.mappedBytes() + AllocatorConfig.DEFAULT_REGION_BYTES > stats.budgetBytes();
    }

    @Override
    public void checkQuiescent(SoakReport.Builder report) {
        cache.invalidateAll();
        cache.cleanUp();
        boolean listenersDone;
        try {
            listenersDone = listenerExecutor.awaitIdle(LISTENER_TIMEOUT_NANOS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            listenersDone = false;
        }
        pool.clearAllPagePools();
        AllocatorStats stats = allocator.stats();
        counters.report(report, pool, stats);
        if (!listenersDone) {
            report.violation("LIVENESS: removal listeners still pending after " + LISTENER_TIMEOUT_NANOS / 1_000_000_000L
                    + " s at quiescence");
        }
        List<RuntimeException> failures = cache.listenerFailures();
        failures.stream().limit(5).forEach(failure ->
                report.violation("LISTENER_FAILED: the removal listener could not return a page: " + failure));
        if (stats.leasedSegments() != 0 || stats.leasedBytes() != 0) {
            report.violation("LEAK at quiescence: leasedSegments=" + stats.leasedSegments() + " leasedBytes="
                    + stats.leasedBytes() + " after invalidateAll and clearAllPagePools (every page was cached,"
                    + " discarded or retired)");
        }
    }

    /** Shared counters, printed as figures at the end. */
    private static final class Counters {
        final LongAdder pagesWritten = new LongAdder();
        final LongAdder pagesDiscarded = new LongAdder();
        final LongAdder pagesReset = new LongAdder();
        final LongAdder slotsAppended = new LongAdder();
        final LongAdder pageFull = new LongAdder();
        final LongAdder reads = new LongAdder();
        final LongAdder readMisses = new LongAdder();
        final LongAdder exhaustedAllocations = new LongAdder();
        final LongAdder rePutsRefused = new LongAdder();
        final LongAdder sizeEvictions = new LongAdder();
        final LongAdder replacements = new LongAdder();
        final LongAdder explicitRemovals = new LongAdder();
        final LongAdder orphanedAtRemoval = new LongAdder();
        final LongAdder stillMappedAtRemoval = new LongAdder();

        void removal(RemovalCause cause, RemovalHandling handling, PageStatus stateAfter) {
            switch (cause) {
                case SIZE -> sizeEvictions.increment();
                case REPLACED -> replacements.increment();
                default -> explicitRemovals.increment();
            }
            if (handling == RemovalHandling.STILL_MAPPED) {
                stillMappedAtRemoval.increment();
            } else if (stateAfter == PageStatus.ORPHANED) {
                orphanedAtRemoval.increment();
            }
        }

        void report(SoakReport.Builder report, KeyValueLeafPagePool pool, AllocatorStats stats) {
            report.figure("pagesBorrowed", pool.pagesBorrowed());
            report.figure("pagesReturned", pool.pagesReturned());
            report.figure("pagesWritten", pagesWritten.sum());
            report.figure("pagesDiscarded", pagesDiscarded.sum());
            report.figure("pagesReset", pagesReset.sum());
            report.figure("slotsAppended", slotsAppended.sum());
            report.figure("pageFull", pageFull.sum());
            report.figure("reads", reads.sum());
            report.figure("readMisses", readMisses.sum());
            report.figure("sizeEvictions", sizeEvictions.sum());
            report.figure("replacements", replacements.sum());
            report.figure("explicitRemovals", explicitRemovals.sum());
            report.figure("orphanedAtRemoval", orphanedAtRemoval.sum());
            report.figure("stillMappedAtRemoval", stillMappedAtRemoval.sum());
            report.figure("rePutsRefused", rePutsRefused.sum());
            report.figure("pageExhaustedAllocations", exhaustedAllocations.sum());
            report.figure("highWaterBytes", stats.highWaterBytes());
            report.figure("mappedBytes", stats.mappedBytes());
            report.figure("leasedSegments", stats.leasedSegments());
        }
    }

    private final class PageWorker implements Worker {

        private final int workerIndex;
        private final SplittableRandom random;
        private final ArrayDeque<KeyValueLeafPage> returnedPages = new ArrayDeque<>();

        PageWorker(int workerIndex, SplittableRandom random) {
            this.workerIndex = workerIndex;
            this.random = random;
        }

        @Override
        public void step(SoakReport.Builder report) {
            long key = random.nextInt(keySpace);
            int action = random.nextInt(100);
            try {
                if (action < 30) {
                    write(key);
                } else if (action < 40) {
                    grow(key);
                } else {
                    read(key, report);
                }
            } catch (AllocatorExhaustedException exhausted) {
                counters.exhaustedAllocations.increment(); // a small --budget makes this expected, not a bug
            } catch (SegmentOwnershipException rejected) {
                report.violation("REJECTED_RELEASE: worker=" + workerIndex + " key=" + key + " " + rejected.getMessage());
            } catch (PoisonViolationException poisoned) {
                report.violation("WRITE_AFTER_RELEASE: worker=" + workerIndex + " key=" + key + " " + poisoned.getMessage());
            } catch (IllegalStateException useAfterReturn) {
                report.violation("USE_AFTER_RETURN: worker=" + workerIndex + " key=" + key + " " + useAfterReturn
                        + " at " + pageLayerFrame(useAfterReturn));
            }
        }

        /** The innermost page-layer frame of {@code failure}: which page operation touched released memory. */
        private static String pageLayerFrame(Throwable failure) {
            for (StackTraceElement frame : failure.getStackTrace()) {
                if (frame.getClassName().startsWith("io.segcheck.impl.page.")
                        || frame.getClassName().startsWith("io.segcheck.impl.cache.")) {
                    return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
                            + frame.getMethodName() + ":" + frame.getLineNumber();
                }
            }
            return "unknown";
        }

        @Override
        public void finish(SoakReport.Builder report) {
            returnedPages.clear(); // stashed pages are already returned; they own nothing
        }

        private void write(long key) {
            boolean deweyIdsStored = random.nextBoolean();
            KeyValueLeafPage page = obtainPage(key, deweyIdsStored);
            try {
                int slots = PageContent.baseSlots(key);
                for (int slot = 0; slot < slots; slot++) {
                    page.setSlot(slot, PageContent.record(key, slot));
                    if (deweyIdsStored) {
                        page.setDeweyId(slot, PageContent.deweyId(key, slot));
                    }
                }
            } catch (RuntimeException failed) {
                pool.returnPage(page);
                throw failed;
            }
            if (random.nextInt(10) == 0) {
                discard(page);
            } else {
                cache.put(key, page);
                counters.pagesWritten.increment();
            }
        }

        /** A page from the pool, or a returned one made live again with fresh segments. */
        private KeyValueLeafPage obtainPage(long key, boolean deweyIdsStored) {
            long slotBytes = SizeClass.sizeBytes(random.nextInt(5)); // 4..64 KiB, so most pages resize
            KeyValueLeafPage stashed = returnedPages.pollFirst();
            if (stashed == null) {
                return pool.borrowPage(key, 0, slotBytes, deweyIdsStored);
            }
            MemorySegment slotMemory = allocator.allocate(slotBytes);
            MemorySegment deweyIdMemory = slotMemory;
            if (deweyIdsStored) {
                try {
                    deweyIdMemory = allocator.allocate(SizeClass.MIN_BYTES);
                } catch (RuntimeException failed) {
                    allocator.release(slotMemory);
                    throw failed;
                }
            }
            stashed.clear();
            stashed.resetForReuse(key, 0, slotMemory, deweyIdMemory);
            counters.pagesReset.increment();
            return stashed;
        }

        /** Returns the page twice (pool and direct: both are allowed and idempotent), then clears it. */
        private void discard(KeyValueLeafPage page) {
            pool.returnPage(page);
            page.returnSegmentsToAllocator();
            page.clear();
            counters.pagesDiscarded.increment();
            if (returnedPages.size() < STASH_PAGES) {
                returnedPages.addLast(page);
            }
        }

        private void grow(long key) {
            Optional<PageGuard> guarded = cache.getAndGuard(key);
            if (guarded.isEmpty()) {
                counters.readMisses.increment();
                return;
            }
            try (PageGuard guard = guarded.get()) {
                KeyValueLeafPage page = guard.page();
                int slot = PageContent.baseSlots(key);
                while (slot < PageContent.baseSlots(key) + 64 && page.getSlot(slot) != null) {
                    slot++;
                }
                int appended = 1 + random.nextInt(8);
                try {
                    for (int end = Math.min(slot + appended, 1024); slot < end; slot++) {
                        page.setSlot(slot, PageContent.record(key, slot));
                        if (page.isDeweyIdsStored()) {
                            page.setDeweyId(slot, PageContent.deweyId(key, slot));
                        }
                        counters.slotsAppended.increment();
                    }
                } catch (PageFullException full) {
                    counters.pageFull.increment();
                }
                rePut(key, page);
            }
        }

        /** Re-puts a grown page so the cache re-weighs it; refused when it was removed meanwhile (then it is orphaned). */
        private void rePut(long key, KeyValueLeafPage page) {
            if (page.state() != PageStatus.LIVE) {
                counters.rePutsRefused.increment();
                return;
            }
            try {
                cache.put(key, page);
            } catch (IllegalStateException removedMeanwhile) {
                counters.rePutsRefused.increment(); // orphaned between the check and the put
            }
        }

        private void read(long key, SoakReport.Builder report) {
            Optional<PageGuard> guarded = cache.getAndGuard(key);
            if (guarded.isEmpty()) {
                counters.readMisses.increment();
                return;
            }
            try (PageGuard guard = guarded.get()) {
                verify(key, guard.page(), report);
            }
            counters.reads.increment();
        }

        private void verify(long key, KeyValueLeafPage page, SoakReport.Builder report) {
            if (page.recordPageKey() != key) {
                report.violation("WRONG_PAGE: key=" + key + " maps " + page);
                return;
            }
            int baseSlots = PageContent.baseSlots(key);
            for (int check = 0; check < 4; check++) {
                int slot = random.nextInt(baseSlots);
                expect(key, slot, PageContent.record(key, slot), page.getSlot(slot), "record", report);
                if (page.isDeweyIdsStored()) {
                    expect(key, slot, PageContent.deweyId(key, slot), page.getDeweyId(slot), "deweyId", report);
                }
            }
            int appendedSlot = baseSlots + random.nextInt(1024 - baseSlots);
            byte[] appended = page.getSlot(appendedSlot);
            if (appended != null) {
                expect(key, appendedSlot, PageContent.record(key, appendedSlot), appended, "record", report);
            }
        }

        private void expect(long key, int slot, byte[] expected, byte[] actual, String area, SoakReport.Builder report) {
            if (!Arrays.equals(expected, actual)) {
                report.violation("LOST_DATA: worker=" + workerIndex + " key=" + key + " " + area + " slot=" + slot
                        + " expectedBytes=" + expected.length + " actual="
                        + (actual == null ? "empty" : "bytes=" + actual.length) + " (a guarded cached page changed)");
            }
        }
    }
}
