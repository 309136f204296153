package io.segcheck.sim.world;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.runner.Switches;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The binding's entry point: fresh worlds (real allocator and, for {@link Coverage#SYSTEM}, pool and
 * two caches; the ownership model in lockstep) for the sequence runner, and the catalog of the
 * actions the coverage binds.
 */
public final class WorldFactory implements SubjectFactory {

    private final Coverage coverage;
    private final WorldCatalog catalog;
    /** segcheck's own allocators (which take the run's defects) pass through this; identity for none. */
    private final UnaryOperator<OffHeapAllocator> wrap;
    private final String allocatorName;
    /** Another project's allocator factory; null for segcheck's own. */
    private final AllocatorFactory foreign;

    /** The whole system on segcheck's own allocator: allocator, pool, pages, guards and both caches. */
    public WorldFactory() {
        this(Coverage.SYSTEM);
    }

    /** {@code coverage} of the system on segcheck's own allocator, bound through the same seam as any other. */
    public WorldFactory(Coverage coverage) {
        this(coverage, UnaryOperator.identity());
    }

    /**
     * {@code coverage} of the system on the allocator {@code allocatorFactory} builds, checked against
     * the design it declares; sizes are drawn for the size classes it declares for seed 0's settings.
     */
    public WorldFactory(Coverage coverage, AllocatorFactory allocatorFactory) {
        this(coverage, null, allocatorFactory.name(), new WorldCatalog(coverage,
                allocatorFactory.design(World.settings(RunConfig.forSeed(0, RunConfig.DEFAULT_STEPS,
                        Switches.none()))).sizeClassesBytes()), allocatorFactory);
    }

    /**
     * Worlds whose real allocator is {@code wrapAllocator} applied to segcheck's own, so a test can
     * plant a broken allocator and see an oracle catch it. One thread builds, runs and closes a
     * world, so segcheck's allocator keeps its memory to that thread (confined arenas).
     */
    WorldFactory(Coverage coverage, UnaryOperator<OffHeapAllocator> wrapAllocator) {
        this(coverage, wrapAllocator, "segcheck", new WorldCatalog(coverage), null);
    }

    private WorldFactory(Coverage coverage, UnaryOperator<OffHeapAllocator> wrap,
            String allocatorName, WorldCatalog catalog, AllocatorFactory foreign) {
        this.foreign = foreign;
        this.coverage = coverage;
        this.catalog = catalog;
        this.wrap = wrap;
        this.allocatorName = allocatorName;
    }

    /**
     * A fresh world; segcheck's own system on it (its allocator, pool and caches) counts this
     * world's rare paths in a recorder of its own.
     */
    @Override
    public Subject create(RunConfig config) {
        return new WorldSubject(config, coverage, foreign, wrap, WorldOptions.inline());
    }

    /**
     * Every mark, or with an allocator other than segcheck's only the page and cache marks: another
     * allocator counts none of the allocator's.
     */
    @Override
    public List<String> markNames() {
        boolean own = foreign == null;
        List<String> names = new java.util.ArrayList<>(own || coverage.hasPages()
                ? OwnSystem.required().markNames(own, coverage.hasPages()) : List.of());
        if (foreign != null) {
            names.addAll(foreign.markNames()); // the rare paths the allocator declared by name
        }
        return names;
    }

    @Override
    public java.util.Set<String> unusedSettings() {
        return foreign == null ? java.util.Set.of() : unusedSettings(foreign, coverage);
    }

    /**
     * The run settings {@code allocator} does not have: each of guardMode, quarantineSlices,
     * budgetBytes and regionBytes whose change leaves its declared design as it was, and the caches'
     * weight when {@code coverage} has no caches.
     */
    public static java.util.Set<String> unusedSettings(AllocatorFactory allocator, Coverage coverage) {
        AllocatorSettings base = AllocatorSettings.roomy();
        io.segcheck.api.AllocatorDesign design = allocator.design(base);
        java.util.Map<String, AllocatorSettings> changed = new java.util.LinkedHashMap<>();
        changed.put("guardMode", base.withGuardMode(false));
        changed.put("quarantineSlices", base.withQuarantineSlices(2));
        changed.put("budgetBytes", base.withBudgetBytes(2 * base.budgetBytes()));
        changed.put("regionBytes", base.withRegionBytes(2 * base.regionBytes()));
        java.util.Set<String> unused = new java.util.TreeSet<>();
        changed.forEach((key, settings) -> {
            if (allocator.design(settings).equals(design)) {
                unused.add(key);
            }
        });
        if (!coverage.hasPages()) {
            unused.add("cacheWeightBytes");
        }
        return unused;
    }

    /** The design {@code allocator} declares for roomy settings, on one line, printed before a run. */
    public static String designLine(AllocatorFactory allocator) {
        return "design: " + allocator.design(AllocatorSettings.roomy()).describe() + " (declared by "
                + allocator.name() + ")";
    }

    /** The allocator factory another project bound (the simulator builds its worlds with it); empty for segcheck's own. */
    public java.util.Optional<AllocatorFactory> foreignAllocator() {
        return java.util.Optional.ofNullable(foreign);
    }

    /** The name of the allocator the worlds are built with, for the settings line. */
    public String allocatorName() {
        return allocatorName;
    }

    /** How much of the system the worlds bind. */
    public Coverage coverage() {
        return coverage;
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
