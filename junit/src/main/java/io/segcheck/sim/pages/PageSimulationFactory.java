package io.segcheck.sim.pages;

import io.segcheck.sim.simulation.PctScheduler;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageFactory;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.simulation.Scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Page simulations for the runner's lockstep loop, shrinker and replay: a team's page factory on
 * the allocator of {@code allocators}, a fresh world per run, and the seeded schedule of its
 * workers.
 */
public final class PageSimulationFactory implements SubjectFactory {

    private final PageFactory pages;
    private final AllocatorFactory allocators;
    private final List<PageWorkerRole> roles;
    private final int longestEntryBytes;

    public PageSimulationFactory(PageFactory pages, AllocatorFactory allocators) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.allocators = Objects.requireNonNull(allocators, "allocators");
        this.roles = rolesOf(pages, allocators);
        this.longestEntryBytes = (int) Math.max(16, Math.min(1 << 16, pages.design().resize().maxAreaBytes() / 8));
    }

    /** Writers, returners, clearers, resetters; guard holders when the design has guards; a pool user with a pool; a cache user with a cache. */
    private static List<PageWorkerRole> rolesOf(PageFactory pages, AllocatorFactory allocators) {
        List<PageWorkerRole> roles = new ArrayList<>(List.of(PageWorkerRole.WRITER, PageWorkerRole.RETURNER,
                PageWorkerRole.CLEARER, PageWorkerRole.RESETTER));
        if (pages.design().guards()) {
            roles.add(PageWorkerRole.GUARD_HOLDER);
        }
        try (OffHeapAllocator probe = allocators.create(AllocatorSettings.roomy().withGuardMode(false))) {
            if (pages.pool(probe).isPresent()) {
                roles.add(PageWorkerRole.POOL_USER);
            }
            if (pages.cache(probe).isPresent()) {
                roles.add(PageWorkerRole.CACHE_USER);
            }
        }
        return List.copyOf(roles);
    }

    /** The roles of workers 0, 1, ... in turn; as many workers as roles when none is asked for. */
    public List<String> roles() {
        return roles.stream().map(Enum::name).toList();
    }

    public String pageName() {
        return pages.name();
    }

    public String allocatorName() {
        return allocators.name();
    }

    @Override
    public Subject create(RunConfig config) {
        return new PageSimulationWorld(pages, allocators);
    }

    @Override
    public ActionCatalog catalog() {
        return new PageSimulationActions();
    }

    /**
     * The schedule of {@code config}'s seed: each worker draws its own stream of calls, and the
     * scheduler (random by role weight, or PCT-style) decides whose next call fills each slot. The
     * same list every time.
     */
    public List<Step> schedule(RunConfig config, PageSimulationSettings settings) {
        long seed = config.seed();
        SplittableRandom scheduler = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 11);
        int workers = settings.workers();
        SplittableRandom[] streams = new SplittableRandom[workers];
        int[] weights = new int[workers];
        for (int worker = 0; worker < workers; worker++) {
            streams[worker] = new SplittableRandom(seed * 0x94D049BB133111EBL + 31L * worker + 5);
            weights[worker] = roleOf(worker).weight();
        }
        PctScheduler pct = new PctScheduler(workers, config.steps(), 10, scheduler);
        List<Step> steps = new ArrayList<>(config.steps());
        for (int slot = 0; slot < config.steps(); slot++) {
            int worker = settings.scheduling() == Scheduling.PCT ? pct.next(slot) : weighted(weights, scheduler);
            steps.add(roleOf(worker).next(worker, streams[worker], longestEntryBytes, settings.failurePermille()));
        }
        return List.copyOf(steps);
    }

    private PageWorkerRole roleOf(int worker) {
        return roles.get(worker % roles.size());
    }

    private static int weighted(int[] weights, SplittableRandom random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int worker = 0; worker < weights.length; worker++) {
            roll -= weights[worker];
            if (roll < 0) {
                return worker;
            }
        }
        return weights.length - 1;
    }
}
