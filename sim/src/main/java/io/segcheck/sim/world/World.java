package io.segcheck.sim.world;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import io.segcheck.impl.alloc.PoisonReporting;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RecordPageCache;
import io.segcheck.impl.cache.RecordPageKey;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.cache.RemovalObserver;
import io.segcheck.impl.defect.Marks;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.model.Lease;
import io.segcheck.model.ModelConfig;
import io.segcheck.model.OwnershipModel;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.ThreadRandomSeeding;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The real system of one run (allocator in the run's guard mode and, when the coverage has pages,
 * pool and two caches on a synchronous executor and a fake ticker) and, in lockstep, the model
 * beside it; plus the {@link Populations} the steps index into.
 */
final class World {

    /** Cache entries expire this long after their last access; the {@code tick} action moves time. */
    static final Duration EXPIRY = Duration.ofSeconds(30);
    final RunConfig config;
    /**
     * This world's rare-path counts: the recorder its config's defects carry (the factory puts a
     * fresh one there for every world), so pool, caches and segcheck's allocator all count into it.
     */
    final Marks marks;
    /** What the allocator under check declared for this run's settings; the model checks against it. */
    final AllocatorDesign design;
    final ObservingAllocator allocator;
    /** Guard mode's reports of writes after release, found when a slice leaves quarantine. */
    final PoisonReporting poison;
    final OwnershipModel model;
    final Populations populations = new Populations();
    /** Which model lease each real lease instance is, and back: pages name their leases only by identity checks. */
    final IdentityHashMap<MemorySegment, Lease> leaseOf = new IdentityHashMap<>();
    final IdentityHashMap<Lease, MemorySegment> instanceOf = new IdentityHashMap<>();
    final List<CacheHandle.Removal> removals = new ArrayList<>();
    final List<CacheHandle<?>> caches = new ArrayList<>();
    /** Queued-listener worlds only: evictions and listener runs, in the order they happened. */
    final List<CacheHandle.Event> events = new ArrayList<>();
    final WorldOptions options;
    final RecordingFaults faults;
    /** The marks the allocator under check declared by name, counted as its code reaches them. */
    final AllocatorProbes probes;
    /** How much of the system this world binds. */
    final Coverage coverage;
    /** True once the allocator was closed on purpose; later steps do nothing. */
    boolean allocatorClosed;
    /** Null when the coverage has no pages or the pool's constructor failed; then there are no caches. */
    final KeyValueLeafPagePool pool;
    final RuntimeException poolFailure;
    private long nowNanos;
    /** Seedings of the thread's ThreadLocalRandom before maintenance so far: each gets its own seed. */
    private long maintenanceSeedings;

    /**
     * The rare-path marks this world's system reached, by name, in declaration order; a mark never
     * reached is left out (with another allocator, segcheck's allocator marks cannot be, and the
     * binding's tally lists the marks it can reach up front).
     */
    Map<String, Long> markCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        marks.snapshot().forEach((mark, count) -> {
            if (count > 0) {
                counts.put(mark.name(), count);
            }
        });
        counts.putAll(probes.reached());
        return counts;
    }

    World(RunConfig config, Coverage coverage, AllocatorFactory allocatorFactory) {
        this(config, coverage, allocatorFactory, WorldOptions.inline());
    }

    World(RunConfig config, Coverage coverage, AllocatorFactory allocatorFactory, WorldOptions options) {
        this.config = config;
        this.options = options;
        this.faults = new RecordingFaults(options.faults(), options.namedFaults());
        this.probes = new AllocatorProbes(faults);
        this.coverage = coverage;
        this.marks = config.defects().marks();
        AllocatorSettings settings = settings(config);
        this.design = allocatorFactory.design(settings);
        // segcheck's own allocator gets the world's fault hook; any other its named marks and fault sites.
        OffHeapAllocator real = allocatorFactory instanceof SegcheckAllocatorFactory own
                ? own.create(settings, faults) : allocatorFactory.create(settings, Probes.to(probes));
        // Only segcheck's own allocator reports poison; any other is checked by the other oracles.
        this.poison = real instanceof PoisonReporting reporting ? reporting : List::of;
        this.allocator = new ObservingAllocator(real, config.seed(), design.zeroed(), faults);
        this.model = config.checking() == Checking.LOCKSTEP ? new OwnershipModel(ModelConfig.of(design), 2) : null;
        KeyValueLeafPagePool built = null;
        RuntimeException failure = null;
        if (coverage.hasPages()) {
            try {
                built = new KeyValueLeafPagePool(allocator, config.defects(), faults);
            } catch (RuntimeException constructorFailure) {
                failure = constructorFailure; // e.g. a pre-allocating pool that runs out of budget
            }
        }
        this.pool = built;
        this.poolFailure = failure;
        if (model != null && options.listenersQueued()) {
            model.queueListeners();
        }
        if (pool != null) {
            buildCaches();
        }
    }

    /** What the run asks of the allocator: the seed's budget and region size, and its guard mode. */
    static AllocatorSettings settings(RunConfig config) {
        return new AllocatorSettings(config.budgetBytes(), config.regionBytes(), config.guardMode(),
                config.quarantineSlices());
    }

    private void buildCaches() {
        Ticker ticker = () -> nowNanos;
        Executor executor = options.listenersQueued() ? options.tasks() : command -> {
            seedThreadRandom();
            command.run();
        };
        PageCache<Long> pageCache = new PageCache<>(pool, config.cacheWeightBytes(), executor, ticker,
                config.defects(), EXPIRY, observer(0));
        caches.add(new CacheHandle<>(0, pageCache, key -> key, options.listenersQueued(), this::seedThreadRandom));
        RecordPageCache recordCache = new RecordPageCache(pool, config.cacheWeightBytes(), executor, ticker,
                config.defects(), EXPIRY, observer(1));
        caches.add(new CacheHandle<>(1, recordCache, key -> new RecordPageKey(key, 1), options.listenersQueued(),
                this::seedThreadRandom));
    }

    private <K> RemovalObserver<K> observer(int cacheIndex) {
        if (!options.listenersQueued()) {
            return (key, page, entryLife, cause, handling) -> removals.add(new CacheHandle.Removal(cacheIndex, keyNumber(key),
                    page, entryLife, cause, handling));
        }
        return new RemovalObserver<>() {
            @Override
            public void pageRemoved(K key, KeyValueLeafPage page, long entryLife, RemovalCause cause,
                                    RemovalHandling handling) {
                events.add(new CacheHandle.Event(true, cacheIndex, keyNumber(key), page, entryLife, cause, handling));
            }

            @Override
            public void entryEvicted(K key, KeyValueLeafPage page, RemovalCause cause) {
                events.add(new CacheHandle.Event(false, cacheIndex, keyNumber(key), page, -1, cause, null));
            }
        };
    }

    private static long keyNumber(Object key) {
        return key instanceof RecordPageKey recordKey ? recordKey.recordPageKey() : (Long) key;
    }

    /**
     * Seeds the thread's {@code ThreadLocalRandom} right before something that may run Caffeine's
     * maintenance, whose admission draws from it ({@link ThreadRandomSeeding}): a queued task, an
     * inline listener or maintenance, {@code cleanUp}, a new maximum. The lockstep loop seeds it per
     * step as well; this keeps the admission's draws from depending on how many draws came earlier
     * in the same step.
     */
    void seedThreadRandom() {
        ThreadRandomSeeding.seed(config.seed() ^ MAINTENANCE_STREAM, maintenanceSeedings++);
    }

    /** Keeps the maintenance seeds apart from the lockstep loop's per-step seeds. */
    private static final long MAINTENANCE_STREAM = 0x6A09E667F3BCC909L;

    boolean hasPool() {
        return pool != null;
    }

    boolean lockstep() {
        return model != null;
    }

    void advanceSeconds(long seconds) {
        nowNanos += seconds * 1_000_000_000L;
    }

    void close() {
        faults.disable();
        if (!allocatorClosed) {
            allocator.close();
        }
    }
}
