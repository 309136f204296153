package io.segcheck.sim.simulation;

import io.segcheck.impl.fault.FaultSite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a simulation adds to a run's {@link io.segcheck.sim.runner.RunConfig}: how many workers,
 * which scheduler, and which fault sites are on with which probability (BUGGIFY: each site is
 * switched on or off once per seed, then fires with its own probability). Printed with the seed
 * and stored in the replay file as {@code sim.*} notes, so a replay rebuilds the same simulation.
 *
 * @param workers logical workers (transactions, readers, an evictor, raw allocator users, in turn)
 * @param scheduling the scheduler's strategy
 * @param faultPermille the active fault sites and how often each fires, per thousand chances
 * @param listenerPermille how often a scheduling slot runs a queued listener or maintenance task
 */
public record SimulationSettings(int workers, Scheduling scheduling, Map<FaultSite, Integer> faultPermille,
                                 int listenerPermille) {

    /** Workers when {@code --workers} is not given. */
    public static final int DEFAULT_WORKERS = 4;
    /** The most workers a simulation takes. */
    public static final int MAX_WORKERS = 64;

    static final String WORKERS = "sim.workers";
    static final String SCHEDULER = "sim.scheduler";
    static final String FAULTS = "sim.faults";
    static final String LISTENERS = "sim.listenerPermille";

    private static final int[] PERMILLE_CHOICES = {20, 50, 100, 250};

    public SimulationSettings {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers=" + workers + " must be in 1.." + MAX_WORKERS);
        }
        if (listenerPermille < 0 || listenerPermille > 1000) {
            throw new IllegalArgumentException("listenerPermille=" + listenerPermille + " must be in 0..1000");
        }
        EnumMap<FaultSite, Integer> copy = new EnumMap<>(FaultSite.class);
        for (Map.Entry<FaultSite, Integer> entry : faultPermille.entrySet()) {
            if (entry.getValue() < 0 || entry.getValue() > 1000) {
                throw new IllegalArgumentException("fault site=" + entry.getKey() + " permille=" + entry.getValue()
                        + " must be in 0..1000");
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        faultPermille = Collections.unmodifiableMap(copy);
    }

    /**
     * The simulation of {@code seed}: scheduler, listener rate and (with {@code faults}) the fault
     * sites, each on with probability one half, all drawn from the seed's own stream.
     */
    public static SimulationSettings forSeed(long seed, int workers, boolean faults) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5151_5151L);
        Scheduling scheduling = random.nextBoolean() ? Scheduling.RANDOM : Scheduling.PCT;
        int listenerPermille = 50 + random.nextInt(300);
        EnumMap<FaultSite, Integer> sites = new EnumMap<>(FaultSite.class);
        for (FaultSite site : FaultSite.values()) {
            boolean on = random.nextBoolean();
            int permille = PERMILLE_CHOICES[random.nextInt(PERMILLE_CHOICES.length)];
            if (faults && on) {
                sites.put(site, permille);
            }
        }
        return new SimulationSettings(workers, scheduling, sites, listenerPermille);
    }

    /** The same simulation with {@code site} switched off (shrinking). */
    public SimulationSettings without(FaultSite site) {
        EnumMap<FaultSite, Integer> fewer = new EnumMap<>(FaultSite.class);
        fewer.putAll(faultPermille);
        fewer.remove(site);
        return new SimulationSettings(workers, scheduling, fewer, listenerPermille);
    }

    public boolean isActive(FaultSite site) {
        return faultPermille.containsKey(site);
    }

    public int permille(FaultSite site) {
        return faultPermille.getOrDefault(site, 0);
    }

    /** {@code MAP:50,BUDGET:20} in site order, or {@code none}. */
    public String describeFaults() {
        if (faultPermille.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        faultPermille.forEach((site, permille) -> parts.add(site.name() + ":" + permille));
        return String.join(",", parts);
    }

    /** One line for the output: {@code SIM workers=4 scheduler=PCT listenerPermille=120 faults=...}. */
    public String describe() {
        return "SIM workers=" + workers + " scheduler=" + scheduling + " listenerPermille=" + listenerPermille
                + " faults=" + describeFaults();
    }

    /** The replay-file notes that rebuild these settings. */
    public Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(WORKERS, Integer.toString(workers));
        notes.put(SCHEDULER, scheduling.name());
        notes.put(LISTENERS, Integer.toString(listenerPermille));
        notes.put(FAULTS, describeFaults());
        return notes;
    }

    /** Whether a replay file's notes describe a simulation. */
    public static boolean isSimulation(Map<String, String> notes) {
        return notes.containsKey(WORKERS);
    }

    /**
     * Parses {@link #notes()}.
     *
     * @throws IllegalArgumentException naming the bad note
     */
    public static SimulationSettings fromNotes(Map<String, String> notes) {
        int workers = parseInt(notes, WORKERS);
        Scheduling scheduling;
        try {
            scheduling = Scheduling.valueOf(required(notes, SCHEDULER));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(SCHEDULER + "=" + notes.get(SCHEDULER) + " must be one of "
                    + java.util.Arrays.toString(Scheduling.values()), unknown);
        }
        int listeners = parseInt(notes, LISTENERS);
        EnumMap<FaultSite, Integer> sites = new EnumMap<>(FaultSite.class);
        String faults = required(notes, FAULTS);
        if (!faults.equals("none")) {
            for (String part : faults.split(",")) {
                String[] pair = part.strip().split(":");
                if (pair.length != 2) {
                    throw new IllegalArgumentException(FAULTS + " entry='" + part + "' must be SITE:PERMILLE");
                }
                try {
                    sites.put(FaultSite.valueOf(pair[0]), Integer.parseInt(pair[1]));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(FAULTS + " entry='" + part + "': unknown site or bad number;"
                            + " sites=" + java.util.Arrays.toString(FaultSite.values()), bad);
                }
            }
        }
        return new SimulationSettings(workers, scheduling, sites, listeners);
    }

    private static String required(Map<String, String> notes, String key) {
        String value = notes.get(key);
        if (value == null) {
            throw new IllegalArgumentException("note " + key + " is missing");
        }
        return value;
    }

    private static int parseInt(Map<String, String> notes, String key) {
        String value = required(notes, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(key + "=" + value + " is not an integer", bad);
        }
    }
}
