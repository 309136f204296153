package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The seeded sequence sweep of a team's allocator alone, in lockstep with the ownership model. */
final class SweepCheck implements SeedCheck {

    private final AllocatorFactory factory;
    private final WorldFactory worlds;
    private final Runner runner;
    private final int steps;

    SweepCheck(AllocatorFactory factory, int steps, int shrinkBudget) {
        this.factory = factory;
        this.worlds = new WorldFactory(Coverage.ALLOCATOR, factory);
        this.runner = new Runner(worlds, shrinkBudget);
        this.steps = steps;
    }

    @Override
    public String kind() {
        return "sweep";
    }

    private RunConfig config(long seed) {
        return RunConfig.forSeed(seed, steps, Switches.none());
    }

    @Override
    public String seedsKey() {
        return SegcheckSettings.SEEDS;
    }

    @Override
    public String drawnSettings(long seed) {
        return words(config(seed), worlds.unusedSettings());
    }

    /** The drawn settings of {@code config} the allocator has: {@code guardMode=on budgetBytes=...}. */
    static String words(RunConfig config, Set<String> unused) {
        StringBuilder words = new StringBuilder();
        config.settings().forEach((key, value) -> {
            if (!Set.of("seed", "steps", "defects", "checking").contains(key) && !unused.contains(key)) {
                words.append(words.isEmpty() ? "" : " ").append(key).append('=').append(value);
            }
        });
        return words.toString();
    }

    @Override
    public SeedResult run(long seed) {
        RunConfig config = config(seed);
        MarkTally marks = new MarkTally(worlds.markNames());
        RunOutcome outcome = runner.execute(config, runner.generate(config), marks);
        return new SeedResult(outcome.clean(), outcome.clean() ? "clean" : outcome.sentence(), marks.counts());
    }

    @Override
    public Failure shrink(long seed, Path folder) throws IOException {
        RunReport report = runner.run(config(seed), false);
        Path replay = FailureReport.writeReplay(report, folder, Bindings.notes(factory, Coverage.ALLOCATOR),
                worlds.catalog());
        return new Failure(describe(factory, worlds, report), replay);
    }

    /** The report as the CLI prints it, without its command line. */
    static String describe(AllocatorFactory factory, WorldFactory worlds, RunReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        out.println(WorldFactory.designLine(factory));
        FailureReport.printSettings(out, report.config(), report.weights(), "allocator=" + factory.name(),
                worlds.unusedSettings());
        FailureReport.printResult(out, report, Optional.empty(), "", worlds.catalog());
        return text.toString(StandardCharsets.UTF_8);
    }

    /** The marks {@code seed}'s run reached, for report entries. */
    static String marksText(Map<String, Long> marks) {
        StringBuilder text = new StringBuilder();
        marks.forEach((name, count) -> {
            if (count > 0) {
                text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(count);
            }
        });
        return text.isEmpty() ? "none" : text.toString();
    }
}
