package io.segcheck.bench;

import io.segcheck.sim.cli.Main;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.Runner;
import io.segcheck.sim.runner.Shrinker;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.runner.Sweep;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.simulation.SimulationSettings;
import io.segcheck.sim.simulation.SimulationSweep;
import io.segcheck.sim.simulation.Simulator;
import io.segcheck.sim.world.WorldFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The sweep's and the simulator's seeds per second once warm, at {@code --jobs 1} and
 * {@code --jobs 2}: each call runs the next {@value #SEEDS_PER_CALL} seeds (the sweep's: 200 steps
 * each, checked in lockstep with the model, segcheck's own allocator, pages and caches; the
 * simulator's: its default steps, workers and faults), on {@code jobs} threads as the CLI does, and
 * the simulator's also on two JVMs as {@code --spread processes} does. The score is seeds per
 * second; the scaling is the ratio of the scores in the same run.
 *
 * <p>Why a benchmark beside the CLI's own rate: a CLI run's rate includes the JVM's warm-up, and at
 * {@code --jobs 1} the JIT compilers run on the otherwise idle second core (about 10 s of compiler
 * CPU in a sweep), which a two-job run has to share; a long nightly run spends almost all its time
 * warm. Warm-up here is 6 × 10 s, so the measured iterations see compiled code.
 *
 * <p>How to run: {@code ./segcheck bench SweepJobsBenchmark -prof io.segcheck.bench.CpuTimeProfiler}
 * on an idle machine (about 8 minutes; {@code SweepJobsBenchmark.sweepSeeds} or
 * {@code .simulatorSeeds} for one).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
public class SweepJobsBenchmark {

    static final int SEEDS_PER_CALL = 200;

    /** The sweep and where it goes on: every call takes seeds no call took before. */
    @State(Scope.Benchmark)
    public static class Seeds {
        @Param({"1", "2"})
        public int jobs;
        private final Runner runner = new Runner(new WorldFactory());
        private long next;

        SeedRange take() {
            SeedRange range = SeedRange.of(next, next + SEEDS_PER_CALL);
            next += SEEDS_PER_CALL;
            return range;
        }
    }

    /**
     * The simulator's seeds, the same way, on threads of this JVM or (as {@code --spread processes})
     * on this JVM and a child JVM, kept from the first call to the last, so the measured calls see
     * both JVMs warm.
     */
    @State(Scope.Benchmark)
    public static class SimulatorSeeds {
        @Param({"1", "2-threads", "2-processes"})
        public String jobs;
        private final SimulationSweep.Plan plan = new SimulationSweep.Plan(Simulator.DEFAULT_STEPS,
                SimulationSettings.DEFAULT_WORKERS, true, Switches.none(), Checking.LOCKSTEP);
        private SimulationSweep sweep;
        private long next;

        @Setup(Level.Trial)
        public void start() {
            int count = Integer.parseInt(jobs.substring(0, 1));
            sweep = new SimulationSweep(Shrinker.DEFAULT_ATTEMPT_BUDGET, null, count);
            if (jobs.endsWith("processes")) {
                // the CLI's child: the same plan (the simulator's defaults) served from standard input
                sweep = sweep.inChildren(Main.seedServer("sim", List.of()));
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            sweep.close();
        }

        SeedRange take() {
            SeedRange range = SeedRange.of(next, next + SEEDS_PER_CALL);
            next += SEEDS_PER_CALL;
            return range;
        }
    }

    @Benchmark
    @OperationsPerInvocation(SEEDS_PER_CALL)
    public long simulatorSeeds(SimulatorSeeds seeds) {
        SimulationSweep.Result result = seeds.sweep.run(seeds.take(), seeds.plan, Simulator.newMarkTally(),
                (seed, outcome, done, steps) -> { });
        if (result.failure().isPresent()) {
            throw new IllegalStateException("the fixed system failed a simulator seed: " + result.failure().get());
        }
        return result.stepsRun();
    }

    @Benchmark
    @OperationsPerInvocation(SEEDS_PER_CALL)
    public long sweepSeeds(Seeds seeds) {
        Sweep.Result result = new Sweep(seeds.runner, seeds.jobs).run(seeds.take(), 200, Switches.none(),
                Optional.empty(), Checking.LOCKSTEP, (seed, done, total, steps) -> { });
        if (result.failure().isPresent()) {
            throw new IllegalStateException("the fixed system failed a sweep seed: " + result.failure().get());
        }
        return result.stepsRun();
    }
}
