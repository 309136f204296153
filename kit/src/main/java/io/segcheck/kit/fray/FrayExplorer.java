package io.segcheck.kit.fray;

import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.SystemProperties;
import kotlin.Unit;
import org.pastalab.fray.core.TestRunner;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.command.ExecutionInfo;
import org.pastalab.fray.core.command.LambdaExecutor;
import org.pastalab.fray.core.command.NetworkDelegateType;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandom;
import org.pastalab.fray.core.randomness.RandomnessProvider;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.scheduler.PCTScheduler;
import org.pastalab.fray.core.scheduler.POSScheduler;
import org.pastalab.fray.core.scheduler.Scheduler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;

/**
 * Runs one scenario under Fray's controlled scheduler: every iteration runs the scenario's real
 * threads to the end under a new schedule, picked by the POS scheduler (each step, the enabled
 * operation with the highest random priority runs; racing operations get new priorities), until
 * an iteration throws or the budget is spent.
 *
 * <p>Seeded: the scheduler's random choices come from {@code fray.seed} (default 0), so a run
 * finds the same failure at the same iteration every time, and the printed numbers are
 * reproducible; the replay line re-runs the exploration with that seed, up to the failing
 * iteration. Fray also saves the failing iteration under
 * {@code target/fray/runs/<scenario>/recording}: its random choices ({@code random.json}) and the
 * exact schedule, every scheduling point with the thread that ran ({@code recording.json}).
 * Fray's own one-iteration replay of that folder ({@code @ConcurrencyTest(replay = ...)}) did not
 * reproduce these failures here: the replaying JVM initialises Fray's own lambdas at other
 * scheduling points than the recorded run, and Fray's schedule verifier reports the mismatch.
 */
public final class FrayExplorer {

    /** The scheduler's seed; default 0. */
    public static final String SEED_PROPERTY = "fray.seed";
    /** {@code false}: only locks, atomics and thread operations are scheduling points. */
    public static final String INTERLEAVE_MEMORY_OPS_PROPERTY = "fray.interleaveMemoryOps";
    /** Wall-clock limit of one exploration; a safety net, the iteration budget ends it first. */
    private static final int TIMEOUT_SECONDS = 300;

    private FrayExplorer() {
    }

    /**
     * What one exploration did.
     *
     * @param iterationsRun iterations run; when a failure was found, the iteration that found it (1-based)
     * @param failure what the failing iteration threw, or null when every iteration was clean
     * @param recording the saved schedule of the failing iteration, or null
     */
    public record Exploration(String scenario, String strategy, long seed, int iterationsAsked, int iterationsRun, Throwable failure,
                       Path recording, long elapsedMillis) {

        public boolean foundFailure() {
            return failure != null;
        }

        /** One line with every number a reader needs: scenario, seed, iterations, result, time. */
        public String summary() {
            return "FRAY scenario=" + scenario + " scheduler=" + strategy + " seed=" + seed + " iterationsAsked=" + iterationsAsked
                    + (foundFailure() ? " firstFailureIteration=" + iterationsRun : " cleanIterations=" + iterationsRun)
                    + " seconds=" + String.format(java.util.Locale.ROOT, "%.1f", elapsedMillis / 1000.0)
                    + (foundFailure() ? " failure=" + failure : "");
        }

        /**
         * The system properties that run the failing schedule again: the same seed draws the same
         * schedules, so a budget of exactly {@link #iterationsRun} iterations ends with the failing one.
         */
        public String replayProperties() {
            return "-D" + SEED_PROPERTY + "=" + seed + " -Dfray.iterations=" + iterationsRun
                    + " -Dfray.twinIterations=" + iterationsRun;
        }
    }

    /**
     * Whether every field and array access is a scheduling point (default), or only locks,
     * atomics and thread operations ({@code -Dfray.interleaveMemoryOps=false}, faster). Measured:
     * the free stack's ABA needs it, since the pop's read of the head and its CAS are on an
     * {@code AtomicLongArray} with a plain read of the slice's link in between (150 clean
     * iterations without it, found in iteration 6 with it).
     */
    public static boolean interleaveMemoryOps() {
        return !"false".equals(System.getProperty(INTERLEAVE_MEMORY_OPS_PROPERTY, "true"));
    }

    /** Explores {@code iteration} for up to {@code iterations} schedules with POS. */
    public static Exploration explore(String scenario, int iterations, Runnable iteration) {
        return explore(scenario, iterations, Strategy.POS, iteration);
    }

    /**
     * How the next thread is picked. POS (partial order sampling) gives every pending operation a
     * random priority and re-draws it when an operation races with it: good at the races of locked
     * code, and the default. PCT (probabilistic concurrency testing) runs threads by fixed
     * priorities and demotes the running thread at three random steps: good where one thread must
     * be preempted between two lock-free steps while another runs a whole call, which POS rarely
     * does when the preempting thread's next step only reads.
     */
    public enum Strategy {
        POS, PCT;

        Scheduler scheduler(Randomness randomness) {
            return this == POS ? new POSScheduler(randomness) : new PCTScheduler(randomness);
        }
    }

    /**
     * Explores {@code iteration} for up to {@code iterations} schedules with {@code strategy}; the
     * JVM must run with Fray's agent (Fray's build plugin sets it up).
     */
    public static Exploration explore(String scenario, int iterations, Strategy strategy, Runnable iteration) {
        long seed = SystemProperties.intProperty(SEED_PROPERTY, 0);
        Path report = reportFolder(scenario);
        Random seeds = new Random(seed);
        RandomnessProvider perIteration = () -> new ControlledRandom(new ArrayList<>(), new ArrayList<>(),
                new Random(seeds.nextLong()));
        Configuration config = configuration(report, iterations, strategy.scheduler(perIteration.getRandomness()),
                perIteration, iteration);
        long startNanos = System.nanoTime();
        Throwable failure = new TestRunner(config).run();
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        int iterationsRun = failure == null ? config.getCurrentIteration() : config.getCurrentIteration() + 1;
        Path recording = failure == null ? null : report.resolve("recording");
        Exploration exploration = new Exploration(scenario, strategy.name(), seed, iterations, iterationsRun, failure,
                recording != null && Files.isDirectory(recording) ? recording : null, elapsedMillis);
        System.out.println(exploration.summary());
        return exploration;
    }

    /** A generated program whose exploration failed, and how many programs were tried up to it. */
    public record Searched<P>(P program, Exploration exploration, int programsTried) {
    }

    /**
     * Explores the programs {@code generate} makes for seeds {@code from} onwards, {@code programs}
     * of them, {@code iterations} schedules each; before each, one run on plain threads initialises
     * classes outside Fray (a class first initialised inside a schedule can deadlock in the JDK's
     * locks). The first program that fails, or empty.
     */
    public static <P> Optional<Searched<P>> searchPrograms(String name, long from, int programs, int iterations,
            Strategy strategy, LongFunction<P> generate, Function<P, Runnable> iteration) {
        for (int tried = 1; tried <= programs; tried++) {
            long seed = from + tried - 1;
            P program = generate.apply(seed);
            Runnable run = iteration.apply(program);
            try {
                run.run();
            } catch (OwnershipViolation violation) {
                // the warm-up only initialises classes; the exploration judges
            }
            Exploration exploration = explore(name + "-seed" + seed, iterations, strategy, run);
            if (exploration.foundFailure()) {
                return Optional.of(new Searched<>(program, exploration, tried));
            }
        }
        return Optional.empty();
    }

    /** Starts threads {@code t0..t(count-1)} running {@code body} with their number, all together, and joins them. */
    public static void runTogether(int count, IntConsumer body) {
        List<Thread> threads = new ArrayList<>();
        for (int thread = 0; thread < count; thread++) {
            int number = thread;
            threads.add(new Thread(() -> body.accept(number), "t" + thread));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
    }

    /**
     * Fray's settings for one exploration: the scenario as a lambda, every memory access
     * a scheduling point unless switched off, no network or clock control (the scenarios use neither).
     */
    private static Configuration configuration(Path report, int iterations, Scheduler scheduler,
                                               RandomnessProvider randomness, Runnable iteration) {
        return new Configuration(
                new ExecutionInfo(new LambdaExecutor(() -> {
                    iteration.run();
                    return Unit.INSTANCE;
                }), false, interleaveMemoryOps(), -1),
                report, iterations, TIMEOUT_SECONDS, scheduler, randomness,
                true, false, true, false, false, false,
                NetworkDelegateType.NONE, SystemTimeDelegateType.NONE, 100_000L,
                true, false, true, false, false, false, TimelineCoverageType.NONE);
    }

    /** target/fray/runs/SCENARIO: one folder per scenario, so a later run does not wipe a recording. */
    private static Path reportFolder(String scenario) {
        Path workDir = Path.of(System.getProperty("fray.workDir", "target/fray/fray-report"));
        return workDir.toAbsolutePath().getParent().resolve("runs").resolve(scenario);
    }
}
