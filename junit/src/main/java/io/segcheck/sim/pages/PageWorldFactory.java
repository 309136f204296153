package io.segcheck.sim.pages;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageFactory;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Subject;
import io.segcheck.sim.runner.SubjectFactory;

import java.util.Objects;

/** Page worlds for the runner: a team's page factory on the allocator of {@code allocators}, a fresh one per run. */
public final class PageWorldFactory implements SubjectFactory {

    private final PageFactory pages;
    private final AllocatorFactory allocators;
    private final PageActions catalog;

    public PageWorldFactory(PageFactory pages, AllocatorFactory allocators) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.allocators = Objects.requireNonNull(allocators, "allocators");
        this.catalog = new PageActions(pages.design(), bindsCache(pages, allocators));
    }

    /** Whether the factory binds a cache (asked on an allocator closed at once). */
    static boolean bindsCache(PageFactory pages, AllocatorFactory allocators) {
        try (OffHeapAllocator probe = allocators.create(AllocatorSettings.roomy().withGuardMode(false))) {
            return pages.cache(probe).isPresent();
        }
    }

    /** The page factory's name, for the settings line. */
    public String pageName() {
        return pages.name();
    }

    /** The allocator factory's name, for the settings line. */
    public String allocatorName() {
        return allocators.name();
    }

    @Override
    public Subject create(RunConfig config) {
        return new PageWorld(pages, allocators);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }
}
