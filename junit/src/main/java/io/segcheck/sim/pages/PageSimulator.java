package io.segcheck.sim.pages;

import io.segcheck.sim.runner.Switches;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.Lockstep;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.ShrinkResult;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.runner.Step;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator on a team's page: a seed's schedule of workers (writers, returners, clearers,
 * resetters, guard holders, a pool user) with seeded failing allocations, run in lockstep with the
 * page oracle, a quiesce phase, and a failure shrunk by the runner's shrinker and written as a
 * replay file that {@code segcheck replay} runs exactly.
 */
public final class PageSimulator {

    private final PageSimulationFactory factory;
    private final Lockstep lockstep;
    private final int shrinkBudget;

    public PageSimulator(PageFactory pages, AllocatorFactory allocators, int shrinkBudget) {
        this(new PageSimulationFactory(pages, allocators), shrinkBudget);
    }

    public PageSimulator(PageSimulationFactory factory, int shrinkBudget) {
        this.factory = factory;
        this.lockstep = new Lockstep(factory);
        this.shrinkBudget = shrinkBudget;
    }

    public PageSimulationFactory factory() {
        return factory;
    }

    /** The run config of {@code seed}: {@code steps} scheduling slots, no segcheck defects (the page is the subject). */
    public static RunConfig config(long seed, int steps) {
        return RunConfig.forSeed(seed, steps, Switches.none());
    }

    /** The settings of {@code seed}; {@code workers} 0 means one worker per role. */
    public PageSimulationSettings settings(long seed, int workers, boolean faults) {
        return PageSimulationSettings.forSeed(seed, workers > 0 ? workers : factory.roles().size(), faults);
    }

    /** Runs a seed once, no shrinking, no trace kept: for sweeps over seeds. */
    public RunOutcome execute(RunConfig config, PageSimulationSettings settings) {
        return lockstep.execute(config, factory.schedule(config, settings), false);
    }

    /** Generates, runs, and shrinks a failure. */
    public RunReport run(RunConfig config, PageSimulationSettings settings) {
        List<Step> steps = factory.schedule(config, settings);
        RunOutcome outcome = lockstep.execute(config, steps, false);
        if (outcome.clean()) {
            return new RunReport(config, Optional.empty(), steps.size(), outcome, Optional.empty(), Optional.empty());
        }
        ShrinkResult shrink = new Shrinker(lockstep, factory.catalog(), shrinkBudget).shrink(config, outcome);
        List<Step> shrunk = shrink.shrunk().steps();
        RunOutcome again = lockstep.execute(config.withSteps(shrunk.size()), shrunk, true);
        return new RunReport(config, Optional.empty(), steps.size(), outcome, Optional.of(shrink), Optional.of(again));
    }

    /** Runs exactly {@code steps} (a replay file's), shrinking a failure only when asked. */
    public RunReport replay(RunConfig config, List<Step> steps, boolean shrink) {
        return new Runner(factory, shrinkBudget).replay(config, steps, shrink);
    }

    /**
     * Writes the final (shrunk) run as a replay file under {@code folder}: {@code bindingNotes} (the
     * page factory, allocator and classpath that build the world again) and the simulation's notes.
     */
    public Path writeReplay(RunReport report, PageSimulationSettings settings, Path folder,
            Map<String, String> bindingNotes) throws IOException {
        Map<String, String> notes = new LinkedHashMap<>(bindingNotes);
        notes.putAll(settings.notes());
        return FailureReport.writeReplay(report, folder, notes, factory.catalog());
    }
}
