package io.segcheck.sim.world;

import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RecordPageCache;
import io.segcheck.impl.cache.RecordPageKey;
import io.segcheck.impl.cache.RemovalObserver;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Marks;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.Lease;
import io.segcheck.model.ModelConfig;
import io.segcheck.model.OwnershipModel;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The real system of one run (allocator in the run's guard mode, pool, two caches on a
 * synchronous executor and a fake ticker) and, in lockstep, the model beside it; plus the
 * populations the steps index into. List positions are the model's ids: page i of {@link #pages}
 * is the model's page i, guard j is the model's guard j.
 */
final class World {

    /** Cache entries expire this long after their last access; the {@code tick} action moves time. */
    static final Duration EXPIRY = Duration.ofSeconds(30);
    /** The model's copy of the allocator's quarantine length (the run config does not vary it). */
    static final int QUARANTINE_SLICES = AllocatorConfig.DEFAULT_QUARANTINE_SLICES;

    final RunConfig config;
    /** This world's rare-path counts; every component records into it. */
    final Marks marks = Marks.recording();
    /** The run's defects, recording into {@link #marks}. */
    private final Defects defects;
    final ObservingAllocator allocator;
    final OwnershipModel model;
    final List<KeyValueLeafPage> pages = new ArrayList<>();
    final List<PageGuard> guards = new ArrayList<>();
    final List<RawSegment> raw = new ArrayList<>();
    final IdentityHashMap<MemorySegment, Lease> leaseOf = new IdentityHashMap<>();
    final List<CacheHandle.Removal> removals = new ArrayList<>();
    final List<CacheHandle<?>> caches = new ArrayList<>();
    /** Null when the pool's constructor failed; then the world has no pool or caches. */
    final KeyValueLeafPagePool pool;
    final RuntimeException poolFailure;
    private long nowNanos;

    World(RunConfig config) {
        this.config = config;
        this.defects = config.defects().withMarks(marks);
        AllocatorConfig allocatorConfig = new AllocatorConfig(config.budgetBytes(), config.regionBytes(),
                config.guardMode(), QUARANTINE_SLICES, marks);
        this.allocator = new ObservingAllocator(SegmentAllocators.create(allocatorConfig));
        this.model = config.checking() == Checking.LOCKSTEP
                ? new OwnershipModel(new ModelConfig(config.guardMode(), QUARANTINE_SLICES, config.budgetBytes(),
                        config.regionBytes()), 2)
                : null;
        KeyValueLeafPagePool built = null;
        RuntimeException failure = null;
        try {
            built = new KeyValueLeafPagePool(allocator, defects);
        } catch (RuntimeException constructorFailure) {
            failure = constructorFailure; // e.g. a pre-allocating pool that runs out of budget
        }
        this.pool = built;
        this.poolFailure = failure;
        if (pool != null) {
            buildCaches();
        }
    }

    private void buildCaches() {
        Ticker ticker = () -> nowNanos;
        PageCache<Long> pageCache = new PageCache<>(pool, config.cacheWeightBytes(), Runnable::run, ticker,
                defects, EXPIRY, observer(0));
        caches.add(new CacheHandle<>(0, pageCache, key -> key));
        RecordPageCache recordCache = new RecordPageCache(pool, config.cacheWeightBytes(), Runnable::run, ticker,
                defects, EXPIRY, observer(1));
        caches.add(new CacheHandle<>(1, recordCache, key -> new RecordPageKey(key, 1)));
    }

    private <K> RemovalObserver<K> observer(int cacheIndex) {
        return (key, page, cause, handling) -> removals.add(new CacheHandle.Removal(cacheIndex, keyNumber(key), cause,
                handling));
    }

    private static long keyNumber(Object key) {
        return key instanceof RecordPageKey recordKey ? recordKey.recordPageKey() : (Long) key;
    }

    boolean lockstep() {
        return model != null;
    }

    void advanceSeconds(long seconds) {
        nowNanos += seconds * 1_000_000_000L;
    }

    /**
     * The position of population argument {@code arg} in a population of {@code size}, counted
     * from the newest (0 is the most recent page, guard or raw segment), modulo the size; -1 when
     * empty. Counting from the newest keeps a step pointing at the same object when the shrinker
     * removes older objects' steps, so stories shrink further.
     */
    static int pick(long arg, int size) {
        return size == 0 ? -1 : size - 1 - (int) Math.floorMod(arg, (long) size);
    }

    void close() {
        allocator.close();
    }
}
