package io.segcheck.junit;

import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.SeedRange;
import io.segcheck.sim.simulation.SimulationSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a team's segcheck tests run, from JUnit configuration parameters: {@code
 * junit-platform.properties} on the test class path, or {@code -D} on the command line
 * ({@code mvn verify -Dsegcheck.seeds=0..1000}), or Surefire's {@code configurationParameters}.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>{@value #SEEDS}</td><td>the sweep's seeds, {@code FIRST..END} (END excluded); default {@code 0..100}</td></tr>
 * <tr><td>{@value #STEPS}</td><td>steps per sweep seed; default 200</td></tr>
 * <tr><td>{@value #SIM_SEEDS}</td><td>the simulator's seeds; default {@code 0..50}</td></tr>
 * <tr><td>{@value #SIM_STEPS}</td><td>steps per simulated seed; default 200</td></tr>
 * <tr><td>{@value #SIM_WORKERS}</td><td>simulated threads; default 4</td></tr>
 * <tr><td>{@value #SIM_FAULTS}</td><td>{@code on} arms the fault sites the allocator declares; default on</td></tr>
 * <tr><td>{@value #SHRINK_BUDGET}</td><td>runs a failure's shrinking may try; default 2000</td></tr>
 * <tr><td>{@value #REGRESSIONS}</td><td>the folder of committed replays, run before new seeds;
 *     default {@code src/test/resources/segcheck-regressions}</td></tr>
 * <tr><td>{@value #FAILURES}</td><td>where a new failure's replay is written; default the regressions
 *     folder, so the file to commit is already where it will run first</td></tr>
 * <tr><td>{@value #REPLAY}</td><td>one replay file: the test that wrote it runs only that file</td></tr>
 * </table>
 *
 * @param seeds the sweep's seeds
 * @param steps steps per sweep seed
 * @param simulationSeeds the simulator's seeds
 * @param simulationSteps steps per simulated seed
 * @param workers simulated threads
 * @param faults whether the simulator arms the allocator's fault sites
 * @param shrinkBudget runs a failure's shrinking may try
 * @param regressions the folder of committed replays
 * @param failures where new failures are written
 * @param replay the one replay file to run instead of everything else, if any
 */
public record SegcheckSettings(SeedRange seeds, int steps, SeedRange simulationSeeds, int simulationSteps, int workers,
        boolean faults, int shrinkBudget, Path regressions, Path failures, Optional<Path> replay) {

    public static final String SEEDS = "segcheck.seeds";
    public static final String STEPS = "segcheck.steps";
    public static final String SIM_SEEDS = "segcheck.sim.seeds";
    public static final String SIM_STEPS = "segcheck.sim.steps";
    public static final String SIM_WORKERS = "segcheck.sim.workers";
    public static final String SIM_FAULTS = "segcheck.sim.faults";
    public static final String SHRINK_BUDGET = "segcheck.shrinkBudget";
    public static final String REGRESSIONS = "segcheck.regressions";
    public static final String FAILURES = "segcheck.failures";
    public static final String REPLAY = "segcheck.replay";

    /** The regressions folder unless {@value #REGRESSIONS} says otherwise. */
    public static final Path DEFAULT_REGRESSIONS = Path.of("src", "test", "resources", "segcheck-regressions");

    /** The defaults, with every key {@code parameters} answers taken from it instead. */
    public static SegcheckSettings from(Function<String, Optional<String>> parameters) {
        Path regressions = parameters.apply(REGRESSIONS).map(Path::of).orElse(DEFAULT_REGRESSIONS);
        return new SegcheckSettings(
                parameters.apply(SEEDS).map(text -> seeds(SEEDS, text)).orElse(SeedRange.of(0, 100)),
                parameters.apply(STEPS).map(text -> number(STEPS, text, RunConfig.MAX_STEPS)).orElse(RunConfig.DEFAULT_STEPS),
                parameters.apply(SIM_SEEDS).map(text -> seeds(SIM_SEEDS, text)).orElse(SeedRange.of(0, 50)),
                parameters.apply(SIM_STEPS).map(text -> number(SIM_STEPS, text, RunConfig.MAX_STEPS)).orElse(200),
                parameters.apply(SIM_WORKERS).map(text -> number(SIM_WORKERS, text, SimulationSettings.MAX_WORKERS))
                        .orElse(SimulationSettings.DEFAULT_WORKERS),
                parameters.apply(SIM_FAULTS).map(text -> onOff(SIM_FAULTS, text)).orElse(true),
                parameters.apply(SHRINK_BUDGET).map(text -> number(SHRINK_BUDGET, text, Integer.MAX_VALUE)).orElse(2000),
                regressions,
                parameters.apply(FAILURES).map(Path::of).orElse(regressions),
                parameters.apply(REPLAY).filter(text -> !text.isBlank()).map(Path::of));
    }

    /** {@code 0..200} (200 excluded), or one seed {@code 17}. */
    static SeedRange seeds(String key, String text) {
        String trimmed = text.trim();
        int dots = trimmed.indexOf("..");
        try {
            if (dots < 0) {
                long seed = Long.parseLong(trimmed);
                return SeedRange.of(seed, seed + 1);
            }
            return SeedRange.of(Long.parseLong(trimmed.substring(0, dots).trim()),
                    Long.parseLong(trimmed.substring(dots + 2).trim()));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(key + "=" + text + ": expected FIRST..END (END excluded) or one seed", bad);
        }
    }

    private static int number(String key, String text, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(key + "=" + text + " must be in 1.." + max);
            }
            return value;
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(key + "=" + text + " is not a whole number", bad);
        }
    }

    private static boolean onOff(String key, String text) {
        return switch (text.trim()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(key + "=" + text + " must be on or off");
        };
    }
}
