package io.segcheck.sim.world;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.PoisonReporting;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.cache.RecordPageCache;
import io.segcheck.impl.cache.RecordPageKey;
import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.impl.cache.RemovalObserver;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Marks;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.model.fault.Faults;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.ThreadRandomSeeding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * segcheck's own system on a world's allocator: its allocator with the run's defect switches and
 * the world's fault hook, and (when the coverage has pages) the pool, two caches on a synchronous
 * executor or the simulator's task queue and a fake ticker; the pages and guards steps index into;
 * the bindings of their actions and their checks. The allocator world reaches it through
 * {@link SystemLayer}.
 */
final class SystemParts implements SystemLayer {

    /** Cache entries expire this long after their last access; the {@code tick} action moves time. */
    static final Duration EXPIRY = Duration.ofSeconds(30);
    /** Keeps the maintenance seeds apart from the lockstep loop's per-step seeds. */
    private static final long MAINTENANCE_STREAM = 0x6A09E667F3BCC909L;

    private final RunConfig config;
    private final WorldOptions options;
    /** This world's rare-path counts: pool, caches and segcheck's allocator all count into it. */
    private final Marks marks = Marks.recording();
    /** The run's defect switches, carrying {@link #marks}. */
    final Defects defects;
    /** Guard mode's reports of writes after release, found when a slice leaves quarantine. */
    private PoisonReporting poison = List::of;
    /** Null when the coverage has no pages or the pool's constructor failed; then there are no caches. */
    KeyValueLeafPagePool pool;
    private RuntimeException poolFailure;
    final List<KeyValueLeafPage> pages = new ArrayList<>();
    final List<PageGuard> guards = new ArrayList<>();
    final List<CacheHandle.Removal> removals = new ArrayList<>();
    final List<CacheHandle<?>> caches = new ArrayList<>();
    /** Queued-listener worlds only: evictions and listener runs, in the order they happened. */
    final List<CacheHandle.Event> events = new ArrayList<>();
    private World world;
    private SimulationBinding simulation;
    private PageBinding pageBinding;
    private CacheBinding cacheBinding;
    private long nowNanos;
    /** Seedings of the thread's ThreadLocalRandom before maintenance so far: each gets its own seed. */
    private long maintenanceSeedings;

    SystemParts(RunConfig config, WorldOptions options) {
        this.config = config;
        this.options = options;
        this.defects = Defects.parse(config.defects().toString()).withMarks(marks);
    }

    /** The parts of {@code world}, which must have segcheck's own system on it. */
    static SystemParts of(World world) {
        return (SystemParts) world.system;
    }

    /**
     * segcheck's allocator for one world. One thread builds, runs and closes a world, so the
     * allocator keeps its memory to that thread (confined arenas): closing a shared arena is a
     * handshake with every thread of the JVM, which made worlds running side by side wait for each other.
     */
    @Override
    public AllocatorFactory ownAllocator(UnaryOperator<OffHeapAllocator> wrap) {
        SegcheckAllocatorFactory own = new SegcheckAllocatorFactory(defects).oneThreadEach();
        return wrap == null ? own : own.wrapped(wrap); // unwrapped, its fault sites ask the world's hook
    }

    @Override
    public OffHeapAllocator createAllocator(AllocatorFactory factory, AllocatorSettings settings, Faults faults) {
        if (!(factory instanceof SegcheckAllocatorFactory own)) {
            return null;
        }
        OffHeapAllocator built = own.create(settings, faults);
        // Only segcheck's own allocator reports poison; any other is checked by the other oracles.
        poison = built instanceof PoisonReporting reporting ? reporting : List::of;
        return built;
    }

    @Override
    public List<? extends RuntimeException> poisonViolations() {
        return poison.poisonViolations();
    }

    @Override
    public void build(World built) {
        this.world = built;
        if (!built.coverage.hasPages()) {
            return;
        }
        try {
            pool = new KeyValueLeafPagePool(built.allocator, defects, built.faults);
        } catch (RuntimeException constructorFailure) {
            poolFailure = constructorFailure; // e.g. a pre-allocating pool that runs out of budget
            return;
        }
        buildCaches();
    }

    private void buildCaches() {
        Ticker ticker = () -> nowNanos;
        Executor executor = options.listenersQueued() ? options.tasks() : command -> {
            seedThreadRandom();
            command.run();
        };
        PageCache<Long> pageCache = new PageCache<>(pool, config.cacheWeightBytes(), executor, ticker,
                defects, EXPIRY, observer(0));
        caches.add(new CacheHandle<>(0, pageCache, key -> key, options.listenersQueued(), this::seedThreadRandom));
        RecordPageCache recordCache = new RecordPageCache(pool, config.cacheWeightBytes(), executor, ticker,
                defects, EXPIRY, observer(1));
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

    void advanceSeconds(long seconds) {
        nowNanos += seconds * 1_000_000_000L;
    }

    @Override
    public boolean built() {
        return pool != null;
    }

    @Override
    public RuntimeException buildFailure() {
        return poolFailure;
    }

    @Override
    public Map<String, Long> marks() {
        Map<String, Long> counts = new LinkedHashMap<>();
        marks.snapshot().forEach((mark, count) -> {
            if (count > 0) {
                counts.put(mark.name(), count);
            }
        });
        return counts;
    }

    @Override
    public List<ActionBinding> bindings(StepScope scope, AllocatorBinding allocator) {
        simulation = new SimulationBinding(scope);
        if (!world.coverage.hasPages()) {
            return List.of();
        }
        pageBinding = new PageBinding(scope, allocator);
        cacheBinding = new CacheBinding(scope);
        return List.of(pageBinding, cacheBinding);
    }

    @Override
    public void beforeCall() {
        removals.clear();
        events.clear();
    }

    @Override
    public void traceCall(StringBuilder trace) {
        new CacheCalls(world, this, null).traceEvictions(trace);
    }

    @Override
    public void checkCall(String what, Calls calls, Findings findings) {
        new CacheCalls(world, this, findings).check(what, calls);
    }

    @Override
    public void checkStep(int stepIndex, Set<Integer> touchedPages, boolean everything, Findings findings) {
        new PageInvariants(world, this, findings).checkAll(stepIndex, touchedPages, everything);
    }

    @Override
    public void tick() {
        simulation.tick();
    }

    @Override
    public boolean applySimulation(SimAction action, Step step) {
        if (!built()) {
            return false;
        }
        simulation.apply(action, step);
        return true;
    }

    @Override
    public void quiesceBeforeRelease() {
        cacheBinding.invalidateAllCaches();
        simulation.drainTasks();
        pageBinding.unguardAndReturnAll();
    }

    @Override
    public void quiesceAfterRelease() {
        pageBinding.clearAllPagePools();
        simulation.drainTasks();
    }

    @Override
    public void checkNothingPending() {
        simulation.checkNothingPending();
    }

    @Override
    public void quiesceAfterClose() {
        simulation.drainTasksAfterClose();
    }

    @Override
    public int pageCount() {
        return pages.size();
    }

    @Override
    public int guardCount() {
        return guards.size();
    }
}
