package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.FailureReport;
import io.segcheck.sim.runner.MarkTally;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.world.Coverage;
import io.segcheck.sim.world.WorldFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The simulator on a team's allocator alone: simulated threads on a seeded schedule, the fault sites
 * the allocator declares armed, the ownership model checking every call.
 */
final class SimulationCheck implements SeedCheck {

    private final AllocatorFactory factory;
    private final SegcheckSettings settings;

    SimulationCheck(AllocatorFactory factory, SegcheckSettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "simulation";
    }

    private RunConfig config(long seed) {
        return Simulator.config(seed, settings.simulationSteps(), Switches.none(), Checking.LOCKSTEP);
    }

    private SimulationSettings simulation(long seed) {
        return Simulator.settings(seed, settings.workers(), settings.faults(), factory, true);
    }

    @Override
    public String seedsKey() {
        return SegcheckSettings.SIM_SEEDS;
    }

    @Override
    public String drawnSettings(long seed) {
        return SweepCheck.words(config(seed), WorldFactory.unusedSettings(factory, Coverage.ALLOCATOR)) + " "
                + simulation(seed).describe();
    }

    @Override
    public SeedResult run(long seed) {
        RunConfig config = config(seed);
        SimulationSettings drawn = simulation(seed);
        MarkTally marks = Simulator.newMarkTally(factory, true);
        RunOutcome outcome = Simulator.execute(config, drawn, Simulator.schedule(config, drawn), false, marks, factory);
        return new SeedResult(outcome.clean(), outcome.clean() ? "clean" : outcome.sentence(), marks.counts());
    }

    @Override
    public Failure shrink(long seed, Path folder) throws IOException {
        Simulator.Result result = new Simulator(settings.shrinkBudget(), factory).run(config(seed), simulation(seed));
        Path replay = Simulator.writeReplay(result, folder, Bindings.notes(factory, Coverage.ALLOCATOR));
        return new Failure(describe(result), replay);
    }

    /** The report as the CLI prints it, without its command line. */
    static String describe(Simulator.Result result) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        FailureReport.printSettings(out, result.config(), Optional.empty(), "allocator=" + result.allocator().name(),
                result.unusedSettings());
        out.println(result.settings().describe());
        FailureReport.printResult(out, result.report(), Optional.empty(), "", Simulator.catalog());
        return text.toString(StandardCharsets.UTF_8);
    }
}
