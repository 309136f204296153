package io.segcheck.fray.scenario;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedAllocatorScenarios;
import io.segcheck.kit.fray.GeneratedPageScenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./segcheck races --page FACTORY | --allocator FACTORY [--classpath JAR[:JAR]]}: the
 * kit's generated concurrent scenarios on a team's own pages ({@link GeneratedPageScenarios}, on
 * the named allocator or a plain one) or allocator ({@link GeneratedAllocatorScenarios}), loaded
 * from the team's jars, searched from the first seed for the first failing program under Fray's
 * POS scheduler. The same search as the kit's JUnit bases, from the command line.
 *
 * @param pageFactory the page factory class, or null
 * @param allocatorFactory the allocator factory class, or null
 * @param classpath the team's jars and class folders, relative to {@code cwd}; empty for none
 */
record OutsideRaces(String pageFactory, String allocatorFactory, String classpath) {

    OutsideRaces {
        if (pageFactory == null && allocatorFactory == null) {
            throw new IllegalArgumentException("races: --classpath needs --page FACTORY or --allocator FACTORY");
        }
    }

    /** Programs {@code from..to}, {@code schedules} each; prints the finding or CLEAN; answers the findings (0 or 1). */
    int search(Path cwd, long from, long to, int schedules) {
        ClassLoader loader = loader(cwd);
        Optional<AllocatorFactory> allocators = Optional.ofNullable(allocatorFactory)
                .map(name -> AllocatorFactory.load(name, loader));
        int programs = Math.toIntExact(to - from + 1);
        long start = System.nanoTime();
        String what;
        Optional<Exploration> failed;
        Optional<String> program;
        if (pageFactory != null) {
            PageFactory pages = PageFactory.load(pageFactory, loader);
            GeneratedPageScenarios scenarios = allocators.map(factory -> new GeneratedPageScenarios(pages, factory))
                    .orElseGet(() -> new GeneratedPageScenarios(pages));
            what = "page=" + pages.name() + allocators.map(factory -> " allocator=" + allocatorFactory).orElse("");
            Optional<GeneratedPageScenarios.Found> found = scenarios.search("races-page", from, programs, schedules,
                    Strategy.POS);
            failed = found.map(GeneratedPageScenarios.Found::exploration);
            program = found.map(hit -> hit.program().text());
        } else {
            what = "allocator=" + allocatorFactory;
            Optional<GeneratedAllocatorScenarios.Found> found = new GeneratedAllocatorScenarios(allocators.orElseThrow())
                    .search("races-allocator", from, programs, schedules, Strategy.POS);
            failed = found.map(GeneratedAllocatorScenarios.Found::exploration);
            program = found.map(hit -> hit.program().text());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.isPresent()) {
            System.out.println("RACES FINDING " + what + "\nprogram: " + program.orElseThrow() + "\n"
                    + failed.get().summary());
            return 1;
        }
        System.out.printf(Locale.ROOT, "RACES CLEAN %s programs=%d..%d schedules=%d seconds=%.1f%n", what, from, to,
                schedules, seconds);
        return 0;
    }

    private ClassLoader loader(Path cwd) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.isEmpty() ? new String[0] : classpath.split(":")) {
            Path path = cwd.resolve(entry);
            if (!Files.exists(path)) {
                throw new UncheckedIOException(new IOException("races --classpath: " + path + " does not exist"));
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException bad) {
                throw new IllegalArgumentException("races --classpath: " + path + ": " + bad.getMessage(), bad);
            }
        }
        return new URLClassLoader("segcheck-races", urls.toArray(URL[]::new), OutsideRaces.class.getClassLoader());
    }
}
