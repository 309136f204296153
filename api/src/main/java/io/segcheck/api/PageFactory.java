package io.segcheck.api;

import java.util.Optional;

/**
 * The plug-in point for a team's page class: how segcheck builds a page under check and learns its
 * design. Implemented next to the {@link PageAdapter}, with a public no-argument constructor, and
 * named to the contract kit (its factory method) or, later, to the CLI.
 *
 * <p>Everything a page takes from an allocator must come from the {@code allocator} passed to
 * {@link #create}: segcheck wraps the allocator it checks with in an observing one and sees every
 * lease and release there, so a page that reaches its allocator through a process-wide singleton
 * needs an adapter that installs a forwarding implementation of the team's own allocator interface
 * in that singleton (see {@code docs/pages.md}).
 */
public interface PageFactory {

    /**
     * A new live, empty page whose every allocation and release goes through {@code allocator}.
     *
     * @param deweyIds how this page keeps its DeweyIDs; one the design lists
     * @throws IllegalArgumentException when the design does not list {@code deweyIds}
     */
    PageAdapter create(OffHeapAllocator allocator, PageDesign.DeweyIds deweyIds);

    /**
     * The team's page pool over {@code allocator}, when it has one: its borrowed pages are checked
     * like created ones, and giving one back must return every segment it holds (now, or when its
     * last guard closes). Empty by default.
     */
    default Optional<PagePoolAdapter> pool(OffHeapAllocator allocator) {
        return Optional.empty();
    }

    /**
     * The team's page cache over {@code allocator}, when it has one: the simulator puts pages it
     * built into it, gets and invalidates them, and runs its removal listener's tasks as steps.
     * Empty by default.
     */
    default Optional<PageCacheAdapter> cache(OffHeapAllocator allocator) {
        return Optional.empty();
    }

    /** What every page {@link #create} builds promises. */
    PageDesign design();

    /**
     * Whether the pages reach state shared by the whole process, such as a singleton through which
     * they find their allocator and into which {@link #create} installs segcheck's. Two seeds
     * running side by side in one JVM would then use each other's allocator, so segcheck runs one
     * seed at a time in a JVM ({@code --shard} spreads seeds over processes). False by default.
     */
    default boolean processWideState() {
        return false;
    }

    /** A short name for reports; the class name by default. */
    default String name() {
        return getClass().getName();
    }

    /**
     * Instantiates the factory class {@code className} from {@code loader} through its public
     * no-argument constructor.
     *
     * @throws IllegalArgumentException saying what is wrong: no such class, not a page factory, no
     *     public no-argument constructor, or the constructor threw
     */
    static PageFactory load(String className, ClassLoader loader) {
        return Plugins.instantiate(className, loader, PageFactory.class, "page factory");
    }
}
