package io.segcheck.sim.world;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import io.segcheck.model.Lease;
import io.segcheck.model.ModelConfig;
import io.segcheck.model.OwnershipModel;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunConfig;

import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real system of one run (the allocator in the run's guard mode and, when the coverage has
 * pages, the {@link SystemLayer} segcheck's own system puts on it) and, in lockstep, the model
 * beside it; plus the {@link Populations} the steps index into.
 */
final class World {

    final RunConfig config;
    /** What the allocator under check declared for this run's settings; the model checks against it. */
    final AllocatorDesign design;
    final ObservingAllocator allocator;
    final OwnershipModel model;
    final Populations populations = new Populations();
    /** Which model lease each real lease instance is, and back: pages name their leases only by identity checks. */
    final IdentityHashMap<MemorySegment, Lease> leaseOf = new IdentityHashMap<>();
    final IdentityHashMap<Lease, MemorySegment> instanceOf = new IdentityHashMap<>();
    final WorldOptions options;
    final RecordingFaults faults;
    /** The marks the allocator under check declared by name, counted as its code reaches them. */
    final AllocatorProbes probes;
    /** How much of the system this world binds. */
    final Coverage coverage;
    /** segcheck's own pool, pages and caches on the allocator; {@link SystemLayer#NONE} for the allocator alone. */
    final SystemLayer system;
    /** True once the allocator was closed on purpose; later steps do nothing. */
    boolean allocatorClosed;
    /**
     * Refused releases whose kind depended on where {@code mmap} placed later regions (see
     * {@code Calls.traced}), by the allocator mark that counted them.
     */
    private final Map<String, Long> placementDependent = new LinkedHashMap<>();

    /**
     * The mark a refused release whose region may be gone is counted under instead of the kind the
     * allocator said (FOREIGN, DOUBLE_RELEASE or STALE, which depends on the address space), so a
     * seed's marks are the same in every process and beside any other world.
     */
    public static final String RELEASE_REFUSED_AFTER_UNMAP = "RELEASE_REFUSED_AFTER_UNMAP";

    /** Moves one refusal of {@code kind} out of the allocator's mark for that kind, into {@link #RELEASE_REFUSED_AFTER_UNMAP}. */
    void refusedAfterUnmap(String kind) {
        placementDependent.merge("RELEASE_REJECTED_" + (kind.equals("DOUBLE_RELEASE") ? "DOUBLE" : kind), 1L, Long::sum);
    }

    /**
     * The rare-path marks this world's system reached, by name, in declaration order; a mark never
     * reached is left out (with another allocator, segcheck's allocator marks cannot be, and the
     * binding's tally lists the marks it can reach up front).
     */
    Map<String, Long> markCounts() {
        Map<String, Long> counts = new LinkedHashMap<>(system.marks());
        placementDependent.forEach((mark, refusals) -> {
            if (counts.containsKey(mark)) { // segcheck's own allocator: its marks count every refusal by kind
                counts.merge(mark, -refusals, Long::sum);
                counts.merge(RELEASE_REFUSED_AFTER_UNMAP, refusals, Long::sum);
            }
        });
        counts.values().removeIf(count -> count == 0);
        counts.putAll(probes.reached());
        return counts;
    }

    /**
     * A world on {@code allocatorFactory}'s allocator, or with null on segcheck's own (its allocators
     * passed through {@code wrap} when not null, so a test can plant a broken one).
     */
    World(RunConfig config, Coverage coverage, AllocatorFactory allocatorFactory, UnaryOperator<OffHeapAllocator> wrap,
          WorldOptions options) {
        this.config = config;
        this.options = options;
        this.faults = new RecordingFaults(options.faults(), options.namedFaults());
        this.probes = new AllocatorProbes(faults);
        this.coverage = coverage;
        this.system = coverage.hasPages() || allocatorFactory == null ? OwnSystem.required().layer(config, options)
                : SystemLayer.NONE;
        AllocatorFactory factory = allocatorFactory != null ? allocatorFactory : system.ownAllocator(wrap);
        AllocatorSettings settings = settings(config);
        this.design = factory.design(settings);
        // segcheck's own allocator gets the world's fault hook; any other its named marks and fault sites.
        OffHeapAllocator own = system.createAllocator(factory, settings, faults);
        OffHeapAllocator real = own != null ? own : factory.create(settings, Probes.to(probes));
        this.allocator = new ObservingAllocator(real, config.seed(), design.zeroed(), faults);
        this.model = config.checking() == Checking.LOCKSTEP ? new OwnershipModel(ModelConfig.of(design), 2) : null;
        if (model != null && options.listenersQueued()) {
            model.queueListeners();
        }
        system.build(this);
    }

    /** What the run asks of the allocator: the seed's budget and region size, and its guard mode. */
    static AllocatorSettings settings(RunConfig config) {
        return new AllocatorSettings(config.budgetBytes(), config.regionBytes(), config.guardMode(),
                config.quarantineSlices());
    }

    /** Whether segcheck's pool (and so its pages and caches) was built. */
    boolean hasPool() {
        return system.built();
    }

    boolean lockstep() {
        return model != null;
    }

    void close() {
        faults.disable();
        if (!allocatorClosed) {
            allocator.close();
        }
    }
}
