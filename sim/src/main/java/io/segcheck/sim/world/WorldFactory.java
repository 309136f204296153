package io.segcheck.sim.world;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.defect.Mark;
import io.segcheck.impl.defect.Marks;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The binding's entry point: fresh worlds (real allocator and, for {@link Coverage#SYSTEM}, pool and
 * two caches; the ownership model in lockstep) for the sequence runner, and the catalog of the
 * actions the coverage binds.
 */
public final class WorldFactory implements SubjectFactory {

    private final Coverage coverage;
    private final WorldCatalog catalog;
    /** The allocator factory of one run: segcheck's own takes the run's defects. */
    private final Function<RunConfig, AllocatorFactory> allocatorFactory;
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
        this(coverage, config -> allocatorFactory, allocatorFactory.name(), new WorldCatalog(coverage,
                allocatorFactory.design(World.settings(RunConfig.forSeed(0, RunConfig.DEFAULT_STEPS,
                        Defects.none()))).sizeClassesBytes()), allocatorFactory);
    }

    /**
     * Worlds whose real allocator is {@code wrapAllocator} applied to segcheck's own, so a test can
     * plant a broken allocator and see an oracle catch it. One thread builds, runs and closes a
     * world, so segcheck's allocator keeps its memory to that thread (confined arenas).
     */
    WorldFactory(Coverage coverage, UnaryOperator<OffHeapAllocator> wrapAllocator) {
        this(coverage, config -> new SegcheckAllocatorFactory(config.defects()).oneThreadEach().wrapped(wrapAllocator),
                "segcheck", new WorldCatalog(coverage), null);
    }

    private WorldFactory(Coverage coverage, Function<RunConfig, AllocatorFactory> allocatorFactory,
            String allocatorName, WorldCatalog catalog, AllocatorFactory foreign) {
        this.foreign = foreign;
        this.coverage = coverage;
        this.catalog = catalog;
        this.allocatorFactory = allocatorFactory;
        this.allocatorName = allocatorName;
    }

    /**
     * A fresh world whose defects carry a fresh {@link Marks} recorder, so the pool, the caches and
     * segcheck's own allocator (its factory takes the run's defects) count this world's rare paths.
     */
    @Override
    public Subject create(RunConfig config) {
        RunConfig recording = config.withDefects(config.defects().withMarks(Marks.recording()));
        return new WorldSubject(recording, coverage, allocatorFactory.apply(recording));
    }

    /**
     * Every mark, or with an allocator other than segcheck's only the page and cache marks: another
     * allocator counts none of the allocator's.
     */
    @Override
    public List<String> markNames() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(Mark.values())
                .filter(mark -> allocatorName.equals("segcheck") || !mark.inAllocator())
                .filter(mark -> coverage.hasPages() || mark.inAllocator())
                .map(Mark::name).toList());
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
