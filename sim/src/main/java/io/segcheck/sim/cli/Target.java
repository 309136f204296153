package io.segcheck.sim.cli;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.PageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.sim.pages.PageSimulationFactory;
import io.segcheck.sim.pages.PageSimulationSettings;
import io.segcheck.sim.pages.PageWorldFactory;
import io.segcheck.sim.runner.SubjectFactory;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which allocator and how much of the system a command checks: {@code --allocator FACTORY_CLASS}
 * (default segcheck's own), {@code --classpath JAR[:JAR...]} to load it from, {@code --coverage
 * allocator|system} and {@code --ea PACKAGE[,PACKAGE]} to switch on the allocator's own assertions.
 *
 * <p>segcheck's own allocator is bound through the same {@link AllocatorFactory} seam as a user's.
 * A user's classes load in a class loader of their own, whose assertions are off unless named with
 * {@code --ea}, so the checked code's own {@code assert}s are not mistaken for findings.
 *
 * @param factory the worlds to run
 * @param arguments the options that rebuild this binding, for replay lines
 * @param notes the same, as replay-file notes
 * @param oneSeedAtATime whether seeds must not run side by side in one JVM (a page factory with
 *     process-wide state)
 */
record Target(SubjectFactory factory, String arguments, Map<String, String> notes, boolean oneSeedAtATime) {

    /** The options every running command accepts. */
    static final Set<String> OPTIONS = Set.of("--allocator", "--classpath", "--coverage", "--ea",
            "--allocator-property", "--page");
    static final String ALLOCATOR_NOTE = "allocator";
    static final String CLASSPATH_NOTE = "classpath";
    static final String COVERAGE_NOTE = "coverage";
    static final String EA_NOTE = "ea";
    static final String PROPERTIES_NOTE = "allocatorProperties";
    static final String PAGE_NOTE = "page";

    /** Usage text for the binding options, shared by run, sweep and replay. */
    static final String USAGE = "\n        [--allocator FACTORY_CLASS] [--classpath JAR[:JAR]] [--coverage allocator|system]"
            + " [--ea PACKAGE[,PACKAGE]]"
            + "\n                               check another allocator (an io.segcheck.api.AllocatorFactory with a"
            + "\n                               public no-argument constructor) loaded from JARs; coverage defaults"
            + "\n                               to system for segcheck's allocator, allocator for others"
            + "\n        [--allocator-property NAME=VALUE[,NAME=VALUE]]"
            + "\n                               the allocator's own settings, passed to its factory in"
            + "\n                               AllocatorSettings.properties (what it would read from -D)"
            + "\n        [--page PAGE_FACTORY_CLASS]"
            + "\n                               sweep a team's own page class instead (an io.segcheck.api.PageFactory"
            + "\n                               with a public no-argument constructor) on --allocator, or on"
            + "\n                               segcheck's allocator; pages are judged by segcheck's page oracle"
            + "\n                               (sim --page: the simulator's workers and failing allocations on it)";

    /** Builds worlds for a command line, from its options. */
    @FunctionalInterface
    interface Binder {
        Target bind(Options options, Map<String, String> recorded) throws UsageException;
    }

    /** The binder of the real CLI. */
    static Target fromOptions(Options options, Map<String, String> recorded) throws UsageException {
        return fromOptions(options, recorded, false);
    }

    /**
     * The simulator's binder: the whole system when the allocator carries segcheck's pages (its
     * design declares their size classes), else the allocator alone; {@code --coverage} chooses. For
     * segcheck's own allocator alone, name its factory with {@code --allocator}.
     */
    static Target forSimulation(Options options, Map<String, String> recorded) throws UsageException {
        if (options.value("--allocator").isEmpty() && !recorded.containsKey(ALLOCATOR_NOTE)
                && options.value("--coverage").filter(coverage -> !coverage.equals("system")).isPresent()) {
            throw new UsageException("--coverage=" + options.value("--coverage").orElseThrow() + ": to simulate"
                    + " segcheck's own allocator alone, name it: --allocator "
                    + SegcheckAllocatorFactory.class.getName() + " --coverage allocator");
        }
        return fromOptions(options, recorded, true);
    }

    private static Target fromOptions(Options options, Map<String, String> recorded, boolean simulation)
            throws UsageException {
        Optional<String> allocator = options.value("--allocator").or(() -> Optional.ofNullable(recorded.get(ALLOCATOR_NOTE)));
        String classpath = options.value("--classpath").orElse(options.value("--allocator").isPresent() ? ""
                : recorded.getOrDefault(CLASSPATH_NOTE, ""));
        String ea = options.value("--ea").orElse(recorded.getOrDefault(EA_NOTE, ""));
        String properties = options.value("--allocator-property").orElse(recorded.getOrDefault(PROPERTIES_NOTE, ""));
        Optional<String> page = options.value("--page").or(() -> Optional.ofNullable(recorded.get(PAGE_NOTE)));
        if (page.isPresent()) {
            if (options.value("--coverage").isPresent()) {
                throw new UsageException("--coverage does not apply to --page: a page sweep drives the page alone");
            }
            return forPage(page.get(), allocator, classpath, ea,
                    simulation || recorded.containsKey(PageSimulationSettings.WORKERS_NOTE));
        }
        AllocatorFactory factory = allocator.isEmpty() ? new SegcheckAllocatorFactory()
                : withProperties(load(allocator.get(), classpath, ea), properties);
        AllocatorDesign design = declaredDesign(factory);
        String fallback = allocator.isEmpty() || simulation && design.sizeClassesBytes().equals(SizeClass.sizesBytes())
                ? "system" : "allocator";
        String coverageText = options.value("--coverage").orElse(recorded.getOrDefault(COVERAGE_NOTE, fallback));
        Coverage coverage = coverage(coverageText, design, simulation);
        Map<String, String> notes = new LinkedHashMap<>();
        StringBuilder arguments = new StringBuilder();
        allocator.ifPresent(name -> note(notes, arguments, ALLOCATOR_NOTE, name));
        if (!classpath.isEmpty()) {
            note(notes, arguments, CLASSPATH_NOTE, classpath);
        }
        if (!ea.isEmpty()) {
            note(notes, arguments, EA_NOTE, ea);
        }
        if (!properties.isEmpty() && allocator.isPresent()) {
            notes.put(PROPERTIES_NOTE, properties); // a note key is one word; the option has a hyphen
            arguments.append(" --allocator-property ").append(shellWord(properties));
        }
        if (allocator.isPresent() || coverage != Coverage.SYSTEM) {
            note(notes, arguments, COVERAGE_NOTE, coverage.name().toLowerCase(java.util.Locale.ROOT));
        }
        // segcheck's own allocator is built per run from the same factory class, so --defect reaches it too.
        WorldFactory worlds = allocator.isEmpty() ? new WorldFactory(coverage) : new WorldFactory(coverage, factory);
        return new Target(worlds, arguments.toString(), notes, false);
    }

    /** Page worlds: the team's page factory on its allocator, or on segcheck's when none is named. */
    private static Target forPage(String pageClass, Optional<String> allocator, String classpath, String ea,
            boolean simulation) throws UsageException {
        URLClassLoader loader = classLoader(classpath, ea);
        PageFactory pages;
        try {
            pages = PageFactory.load(pageClass, loader);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--page " + bad.getMessage() + (classpath.isEmpty()
                    ? "; pass the jar that holds it with --classpath" : ""));
        }
        AllocatorFactory allocators = allocator.isEmpty() ? new SegcheckAllocatorFactory()
                : load(allocator.get(), classpath, ea);
        Map<String, String> notes = new LinkedHashMap<>();
        StringBuilder arguments = new StringBuilder();
        note(notes, arguments, PAGE_NOTE, pageClass);
        allocator.ifPresent(name -> note(notes, arguments, ALLOCATOR_NOTE, name));
        if (!classpath.isEmpty()) {
            note(notes, arguments, CLASSPATH_NOTE, classpath);
        }
        if (!ea.isEmpty()) {
            note(notes, arguments, EA_NOTE, ea);
        }
        SubjectFactory worlds = simulation ? new PageSimulationFactory(pages, allocators)
                : new PageWorldFactory(pages, allocators);
        return new Target(worlds, arguments.toString(), notes, pages.processWideState());
    }

    /** A binding of a fixed factory (tests), with no options to repeat. */
    static Target of(SubjectFactory factory) {
        return new Target(factory, "", Map.of(), false);
    }

    /**
     * The seeds to run at once: {@code requested}, or 1 (told on {@code out}) when the bound pages
     * share process-wide state, which two seeds running side by side would share too.
     */
    int jobs(int requested, java.io.PrintStream out) {
        if (!oneSeedAtATime || requested == 1) {
            return requested;
        }
        out.println("jobs: 1 of " + requested + " asked: the page factory declares process-wide state"
                + " (processWideState()), which two seeds running side by side in one JVM would share;"
                + " spread seeds over processes with --shard i/n");
        return 1;
    }

    /** The design line of another project's allocator, printed first; empty for segcheck's own. */
    String designLine() {
        return factory instanceof WorldFactory world ? world.foreignAllocator().map(WorldFactory::designLine).orElse("")
                : "";
    }

    /** The run settings the bound allocator does not have, left out of SEED lines. */
    Set<String> unusedSettings() {
        return factory.unusedSettings();
    }

    private static AllocatorFactory withProperties(AllocatorFactory factory, String properties) throws UsageException {
        if (properties.isEmpty()) {
            return factory;
        }
        try {
            return factory.withProperties(AllocatorSettings.parseProperties(properties));
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--allocator-property=" + properties + ": " + bad.getMessage());
        }
    }

    /** One line that names the allocator, its design and the coverage, printed before a run. */
    String describe() {
        if (factory instanceof PageWorldFactory pages) {
            return "page=" + pages.pageName() + " allocator=" + pages.allocatorName();
        }
        if (factory instanceof PageSimulationFactory pages) {
            return "page=" + pages.pageName() + " allocator=" + pages.allocatorName() + " roles="
                    + String.join(",", pages.roles());
        }
        if (factory instanceof WorldFactory world) {
            return "allocator=" + world.allocatorName() + " coverage="
                    + world.coverage().name().toLowerCase(java.util.Locale.ROOT);
        }
        return ""; // a test world: nothing to name
    }

    private static void note(Map<String, String> notes, StringBuilder arguments, String key, String value) {
        notes.put(key, value);
        arguments.append(" --").append(key).append(' ').append(shellWord(value));
    }

    /** {@code value} as one shell word: quoted when it holds anything a shell would expand, e.g. a nested class's '$'. */
    static String shellWord(String value) {
        return value.matches("[A-Za-z0-9._/:,=+-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    private static AllocatorFactory load(String className, String classpath, String ea) throws UsageException {
        URLClassLoader loader = classLoader(classpath, ea);
        try {
            return AllocatorFactory.load(className, loader);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--allocator " + bad.getMessage()
                    + (loader.getURLs().length == 0 ? "; pass the jar that holds it with --classpath" : ""));
        }
    }

    /** A class loader of its own over {@code classpath}, with assertions on in the packages {@code ea} names. */
    private static URLClassLoader classLoader(String classpath, String ea) throws UsageException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split("[" + File.pathSeparator + ",]")) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new UsageException("--classpath entry=" + entry + " does not exist");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException bad) {
                throw new UsageException("--classpath entry=" + entry + " is not a path: " + bad.getMessage());
            }
        }
        URLClassLoader loader = new URLClassLoader("segcheck-allocator", urls.toArray(URL[]::new),
                Target.class.getClassLoader());
        for (String pkg : ea.split(",")) {
            if (!pkg.isBlank()) {
                loader.setPackageAssertionStatus(pkg.strip(), true);
            }
        }
        return loader;
    }

    private static AllocatorDesign declaredDesign(AllocatorFactory factory) throws UsageException {
        try {
            return factory.design(AllocatorSettings.roomy());
        } catch (RuntimeException bad) {
            throw new UsageException("--allocator " + factory.getClass().getName() + ": design(...) threw " + bad);
        }
    }

    /** The whole system needs the page's size classes; any design can be checked allocator-only. */
    private static Coverage coverage(String text, AllocatorDesign design, boolean simulation) throws UsageException {
        return switch (text) {
            case "allocator" -> Coverage.ALLOCATOR;
            case "system" -> {
                if (!design.sizeClassesBytes().equals(SizeClass.sizesBytes())) {
                    throw new UsageException((simulation ? "sim runs segcheck's pages and caches on the allocator: it"
                            : "--coverage system") + " needs the size classes segcheck's pages use, "
                            + SizeClass.sizesBytes() + "; this allocator declares " + design.sizeClassesBytes()
                            + ". Use --coverage allocator to check the allocator alone.");
                }
                yield Coverage.SYSTEM;
            }
            default -> throw new UsageException("--coverage=" + text + " must be allocator or system");
        };
    }
}
