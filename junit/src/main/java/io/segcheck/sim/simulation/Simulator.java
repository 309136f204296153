package io.segcheck.sim.simulation;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.Switches;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.Lockstep;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.ReplayFile;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunReport;
import io.segcheck.sim.runner.ShrinkResult;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.TraceHash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's front door: builds a seed's simulation (settings, schedule), runs it in
 * lockstep, and shrinks a failure: fewer steps (operations and schedule slots, by the runner's
 * shrinker), fewer workers (all steps of one worker at once), fewer active fault sites, until
 * the same violation kind remains.
 */
public final class Simulator {

    /** Steps per seed when none is given. */
    public static final int DEFAULT_STEPS = 200;

    /**
     * One seed's simulation.
     *
     * @param config the world (sizes from the seed, guard mode on)
     * @param settings workers, scheduler and fault sites (after shrinking: what the replay needs)
     * @param report the run and its shrink, as the runner reports them
     * @param allocator another project's allocator factory the worlds ran on; null for segcheck's own
     */
    public record Result(RunConfig config, SimulationSettings settings, RunReport report, AllocatorFactory allocator) {
        public boolean clean() {
            return report.clean();
        }

        /** The run settings the allocator does not have, left out of the SEED line. */
        public java.util.Set<String> unusedSettings() {
            return new SimulationFactory(settings, allocator).unusedSettings();
        }
    }

    private final int shrinkBudget;
    /** Another project's allocators; null for segcheck's own. */
    private final AllocatorFactory allocator;
    /** Actions taken out of every generated schedule ({@code --without}). */
    private final java.util.Set<String> without;

    public Simulator(int shrinkBudget) {
        this(shrinkBudget, null);
    }

    /** A simulator whose worlds run on {@code allocator}'s allocators (null: segcheck's own). */
    public Simulator(int shrinkBudget, AllocatorFactory allocator) {
        this(shrinkBudget, allocator, java.util.Set.of());
    }

    /** As above, every generated schedule without the steps of the actions {@code without}. */
    public Simulator(int shrinkBudget, AllocatorFactory allocator, java.util.Set<String> without) {
        this.shrinkBudget = shrinkBudget;
        this.allocator = allocator;
        this.without = java.util.Set.copyOf(without);
    }

    /** Every action a simulation's steps may have, as replay files spell them and {@code --without} takes them. */
    public static List<String> actionNames() {
        return new SimulationCatalog().actionNames();
    }

    /** The simulator's catalog: words for its steps' arguments. */
    public static io.segcheck.sim.runner.ActionCatalog catalog() {
        return new SimulationCatalog();
    }

    /** {@link #schedule(RunConfig, SimulationSettings)} without the steps of the actions {@code without}. */
    public static List<Step> schedule(RunConfig config, SimulationSettings settings, java.util.Set<String> without) {
        List<Step> all = schedule(config, settings);
        return without.isEmpty() ? all : all.stream().filter(step -> !without.contains(step.action())).toList();
    }

    /** The world and simulation settings of {@code seed}. */
    public static RunConfig config(long seed, int steps, Switches defects, Checking checking) {
        return RunConfig.forSeed(seed, steps, defects, true).withChecking(checking);
    }

    /** The schedule {@code config} and {@code settings} generate; the same list every time. */
    public static List<Step> schedule(RunConfig config, SimulationSettings settings) {
        return SimulationGenerator.generate(config, settings);
    }

    /** Runs once, no shrinking, no trace kept: for sweeps. */
    public static RunOutcome execute(RunConfig config, SimulationSettings settings, List<Step> steps, boolean keepTrace) {
        return execute(config, settings, steps, keepTrace, null);
    }

    /** As above, adding the world's rare-path marks to {@code marks} (when not null). */
    public static RunOutcome execute(RunConfig config, SimulationSettings settings, List<Step> steps, boolean keepTrace,
                                  MarkTally marks) {
        return execute(config, settings, steps, keepTrace, marks, null);
    }

    /** As above, in worlds on {@code allocator}'s allocators (null: segcheck's own). */
    public static RunOutcome execute(RunConfig config, SimulationSettings settings, List<Step> steps, boolean keepTrace,
                                  MarkTally marks, AllocatorFactory allocator) {
        return new Lockstep(new SimulationFactory(settings, allocator)).execute(config, steps, keepTrace, marks);
    }

    /** A tally of every mark a simulated world can reach, each at 0. */
    public static MarkTally newMarkTally() {
        return newMarkTally(null);
    }

    /** A tally of every mark a simulated world on {@code allocator}'s allocators can reach, each at 0. */
    public static MarkTally newMarkTally(AllocatorFactory allocator) {
        return newMarkTally(allocator, false);
    }

    /** As above; {@code alone}: the allocator simulated alone, without pages and caches. */
    public static MarkTally newMarkTally(AllocatorFactory allocator, boolean alone) {
        return new MarkTally(new SimulationFactory(settings(0, 1, false, allocator, alone), allocator).markNames());
    }

    /**
     * The simulation of {@code seed}: on segcheck's own allocator (null) as {@link
     * SimulationSettings#forSeed}; on another, with its named fault sites and, when {@code alone}, the
     * allocator alone over the size classes it declares.
     */
    public static SimulationSettings settings(long seed, int workers, boolean faults, AllocatorFactory allocator,
            boolean alone) {
        if (allocator == null) {
            return SimulationSettings.forSeed(seed, workers, faults);
        }
        List<Integer> classes = alone ? allocator.design(io.segcheck.api.AllocatorSettings.roomy()).sizeClassesBytes()
                : List.of();
        return SimulationSettings.forAllocator(seed, workers, faults, classes, allocator.faultSiteNames());
    }

    /** Generates and runs; shrinks a failure. */
    public Result run(RunConfig config, SimulationSettings settings) {
        List<Step> steps = schedule(config, settings, without);
        RunOutcome outcome = runHere(config.withSteps(steps.size()), settings, steps, false);
        return finish(config, settings, steps.size(), outcome, true);
    }

    /** Runs exactly {@code steps}; shrinks a failure only when asked. */
    public Result replay(RunConfig config, SimulationSettings settings, List<Step> steps, boolean shrink) {
        RunConfig exact = config.withSteps(steps.size());
        RunOutcome outcome = runHere(exact, settings, steps, true);
        return finish(exact, settings, steps.size(), outcome, shrink);
    }

    /** One run in this simulator's worlds (on its allocator), no marks counted. */
    private RunOutcome runHere(RunConfig config, SimulationSettings settings, List<Step> steps, boolean keepTrace) {
        return execute(config, settings, steps, keepTrace, null, allocator);
    }

    private Result finish(RunConfig config, SimulationSettings settings, int generated, RunOutcome outcome, boolean shrink) {
        if (outcome.clean() || !shrink) {
            return new Result(config, settings, new RunReport(config, Optional.empty(), generated, outcome,
                    Optional.empty(), Optional.empty()), allocator);
        }
        String signature = outcome.signature().orElseThrow();
        int attempts = 0;
        RunOutcome best = outcome;
        SimulationSettings kept = settings;
        boolean exhausted = false;
        for (int round = 0; round < 3; round++) {
            ShrinkResult steps = new Shrinker(new Lockstep(new SimulationFactory(kept, allocator)), new SimulationCatalog(),
                    Math.max(0, shrinkBudget - attempts)).shrink(config.withSteps(best.steps().size()), best);
            attempts += steps.attempts();
            exhausted = steps.budgetExhausted();
            best = steps.shrunk();
            boolean progress = false;
            for (int worker = 0; worker < kept.workers(); worker++) {
                List<Step> without = withoutWorker(best.steps(), worker);
                if (without.size() < best.steps().size()) {
                    attempts++;
                    RunOutcome candidate = runHere(config.withSteps(without.size()), kept, without, false);
                    if (candidate.signature().equals(Optional.of(signature))) {
                        best = candidate;
                        progress = true;
                    }
                }
            }
            for (java.util.function.UnaryOperator<SimulationSettings> switchOff : siteSwitches(kept)) {
                attempts++;
                SimulationSettings fewer = switchOff.apply(kept);
                RunOutcome candidate = runHere(config.withSteps(best.steps().size()), fewer, best.steps(), false);
                if (candidate.signature().equals(Optional.of(signature))) {
                    kept = fewer;
                    best = candidate;
                    progress = true;
                }
            }
            if (!progress || attempts >= shrinkBudget) {
                break;
            }
        }
        RunConfig shrunkConfig = config.withSteps(best.steps().size());
        RunOutcome again = runHere(shrunkConfig, kept, best.steps(), true);
        ShrinkResult shrunk = new ShrinkResult(best, outcome.steps().size(), attempts, exhausted);
        return new Result(config, kept, new RunReport(config, Optional.empty(), generated, outcome,
                Optional.of(shrunk), Optional.of(again)), allocator);
    }

    /** One switch per active fault site, the allocator's named ones first: each turns its site off. */
    private static List<java.util.function.UnaryOperator<SimulationSettings>> siteSwitches(SimulationSettings settings) {
        List<java.util.function.UnaryOperator<SimulationSettings>> switches = new ArrayList<>();
        for (String site : settings.namedFaultPermille().keySet()) {
            switches.add(current -> current.withoutNamed(site));
        }
        for (FaultSite site : FaultSite.values()) {
            if (settings.isActive(site)) {
                switches.add(current -> current.without(site));
            }
        }
        return switches;
    }

    private static List<Step> withoutWorker(List<Step> steps, int worker) {
        List<Step> kept = new ArrayList<>(steps.size());
        for (Step step : steps) {
            boolean workerStep = !List.of("runTask", "storm", "calm", "closeAllocator").contains(step.action());
            if (!workerStep || step.arg(0) != worker) {
                kept.add(step);
            }
        }
        return kept;
    }

    /** Writes the final (shrunk) run as a replay file with the simulation's notes; returns its path. */
    public static Path writeReplay(Result result, Path folder) throws IOException {
        return writeReplay(result, folder, Map.of());
    }

    /** As above, with the notes that bind another allocator again ({@code --allocator}, {@code --classpath}). */
    public static Path writeReplay(Result result, Path folder, Map<String, String> bindingNotes) throws IOException {
        RunReport report = result.report();
        RunOutcome outcome = report.finalOutcome();
        Map<String, String> notes = new LinkedHashMap<>(result.settings().notes());
        notes.putAll(bindingNotes);
        outcome.signature().ifPresent(signature -> notes.put(ReplayFile.EXPECT, signature));
        notes.put("violation", outcome.sentence());
        notes.put("generatedSteps", Integer.toString(report.generated()));
        report.shrink().ifPresent(shrink -> notes.put("shrunkFrom", shrink.originalLength() + " steps in "
                + shrink.attempts() + " attempts"));
        notes.put("traceHash", TraceHash.hex(outcome.traceHash()));
        List<Step> steps = outcome.steps();
        ReplayFile file = new ReplayFile(result.config().withSteps(steps.size()), steps, notes);
        return file.write(folder.resolve("sim-seed-" + result.config().seed() + ".replay"),
                io.segcheck.sim.runner.FailureReport.legend(steps, catalog()));
    }
}
