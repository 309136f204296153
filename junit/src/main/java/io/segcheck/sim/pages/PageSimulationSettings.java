package io.segcheck.sim.pages;

import io.segcheck.sim.simulation.Scheduling;
import io.segcheck.sim.simulation.SimulationSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a page simulation adds to a run's config: how many workers, which scheduler (drawn per seed
 * as the simulator draws it), and how often a call that may allocate carries a failing allocation
 * (BUGGIFY: on or off per seed, then its own rate). Written into the replay file as notes for the
 * reader; the replay itself needs none of them, because every step carries its own fault.
 *
 * @param workers logical workers; their roles in turn (see {@link PageSimulationFactory#roles()})
 * @param scheduling the scheduler's strategy
 * @param failurePermille per thousand calls that may allocate, how many carry a failing allocation
 */
public record PageSimulationSettings(int workers, Scheduling scheduling, int failurePermille) {

    /** The note that marks a replay file as a page simulation's. */
    public static final String WORKERS_NOTE = "pageSim.workers";
    static final String SCHEDULER_NOTE = "pageSim.scheduler";
    static final String FAILURES_NOTE = "pageSim.allocationFailurePermille";

    private static final int[] PERMILLE_CHOICES = {20, 50, 100, 250};

    public PageSimulationSettings {
        if (workers < 1 || workers > SimulationSettings.MAX_WORKERS) {
            throw new IllegalArgumentException("workers=" + workers + " must be in 1.." + SimulationSettings.MAX_WORKERS);
        }
        if (failurePermille < 0 || failurePermille > 1000) {
            throw new IllegalArgumentException("failurePermille=" + failurePermille + " must be in 0..1000");
        }
    }

    /** The simulation of {@code seed}: the simulator's scheduler for that seed; with {@code faults}, failures on half the seeds. */
    public static PageSimulationSettings forSeed(long seed, int workers, boolean faults) {
        Scheduling scheduling = SimulationSettings.forSeed(seed, workers, false).scheduling();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x7061_6765L);
        boolean on = random.nextBoolean();
        int permille = PERMILLE_CHOICES[random.nextInt(PERMILLE_CHOICES.length)];
        return new PageSimulationSettings(workers, scheduling, faults && on ? permille : 0);
    }

    /** {@code SIM page workers=6 scheduler=PCT allocationFailurePermille=50}. */
    public String describe() {
        return "SIM page workers=" + workers + " scheduler=" + scheduling + " allocationFailurePermille="
                + failurePermille;
    }

    /** The replay-file notes. */
    public Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(WORKERS_NOTE, Integer.toString(workers));
        notes.put(SCHEDULER_NOTE, scheduling.name());
        notes.put(FAILURES_NOTE, Integer.toString(failurePermille));
        return notes;
    }
}
