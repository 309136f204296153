package io.segcheck.sim.simulation;

import io.segcheck.model.fault.FaultSite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.TreeMap;

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
 * @param allocatorAloneClasses empty for the whole system; else the declared size classes of an
 *     allocator simulated alone, by workers that lease, release and misuse raw segments and go on
 *     calling after a mid-run close
 * @param namedFaultPermille the fault sites the allocator declared by name that are on, and how often each fires
 */
public record SimulationSettings(int workers, Scheduling scheduling, Map<FaultSite, Integer> faultPermille,
                                 int listenerPermille, List<Integer> allocatorAloneClasses,
                                 Map<String, Integer> namedFaultPermille) {

    /** Workers when {@code --workers} is not given. */
    public static final int DEFAULT_WORKERS = 4;
    /** The most workers a simulation takes. */
    public static final int MAX_WORKERS = 64;

    static final String WORKERS = "sim.workers";
    static final String SCHEDULER = "sim.scheduler";
    static final String FAULTS = "sim.faults";
    static final String LISTENERS = "sim.listenerPermille";
    static final String ALONE = "sim.allocatorAlone";
    static final String NAMED_FAULTS = "sim.namedFaults";
    /** segcheck's own sites that still mean something when an allocator is simulated alone. */
    private static final Set<FaultSite> ALONE_SITES = EnumSet.of(FaultSite.CLOSE_MID_OPERATION);

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
        allocatorAloneClasses = List.copyOf(allocatorAloneClasses);
        for (Map.Entry<String, Integer> entry : namedFaultPermille.entrySet()) {
            if (entry.getValue() < 0 || entry.getValue() > 1000 || entry.getKey().isBlank()
                    || entry.getKey().matches(".*[,:\\s].*")) {
                throw new IllegalArgumentException("named fault site=" + entry.getKey() + " permille=" + entry.getValue()
                        + ": need a name without ',', ':' or spaces and a permille in 0..1000");
            }
        }
        namedFaultPermille = Collections.unmodifiableMap(new TreeMap<>(namedFaultPermille));
    }

    /** The whole system, no named fault sites. */
    public SimulationSettings(int workers, Scheduling scheduling, Map<FaultSite, Integer> faultPermille,
                              int listenerPermille) {
        this(workers, scheduling, faultPermille, listenerPermille, List.of(), Map.of());
    }

    /**
     * The simulation of {@code seed} on another project's allocator: {@link #forSeed(long, int, boolean)}
     * plus, with {@code faults}, each fault site it declared by name switched on or off (one half each)
     * from the seed and the site's name, and, when {@code aloneClasses} is not empty, the allocator
     * alone (segcheck's own sites off but a close mid-run, no listeners).
     */
    public static SimulationSettings forAllocator(long seed, int workers, boolean faults, List<Integer> aloneClasses,
            List<String> faultSiteNames) {
        SimulationSettings system = forSeed(seed, workers, faults);
        Map<String, Integer> named = new TreeMap<>();
        for (String site : faults ? faultSiteNames : List.<String>of()) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + site.hashCode());
            boolean on = random.nextBoolean();
            int permille = PERMILLE_CHOICES[random.nextInt(PERMILLE_CHOICES.length)];
            if (on) {
                named.put(site, permille);
            }
        }
        if (aloneClasses.isEmpty()) {
            return new SimulationSettings(workers, system.scheduling, system.faultPermille, system.listenerPermille,
                    List.of(), named);
        }
        EnumMap<FaultSite, Integer> sites = new EnumMap<>(FaultSite.class);
        system.faultPermille.forEach((site, permille) -> {
            if (ALONE_SITES.contains(site)) {
                sites.put(site, permille);
            }
        });
        return new SimulationSettings(workers, system.scheduling, sites, 0, aloneClasses, named);
    }

    /** Whether one allocator is simulated alone (no pages, no caches). */
    public boolean allocatorAlone() {
        return !allocatorAloneClasses.isEmpty();
    }

    /** How often the named fault site {@code site} fires, per thousand chances; 0 when off. */
    public int namedPermille(String site) {
        return namedFaultPermille.getOrDefault(site, 0);
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
        return new SimulationSettings(workers, scheduling, fewer, listenerPermille, allocatorAloneClasses,
                namedFaultPermille);
    }

    /** The same simulation with the named fault site {@code site} switched off (shrinking). */
    public SimulationSettings withoutNamed(String site) {
        Map<String, Integer> fewer = new TreeMap<>(namedFaultPermille);
        fewer.remove(site);
        return new SimulationSettings(workers, scheduling, faultPermille, listenerPermille, allocatorAloneClasses,
                fewer);
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

    /** The named sites as {@code site:permille,...} in name order, or {@code none}. */
    private String describeNamedFaults() {
        if (namedFaultPermille.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        namedFaultPermille.forEach((site, permille) -> parts.add(site + ":" + permille));
        return String.join(",", parts);
    }

    /**
     * One line for the output: {@code SIM workers=4 scheduler=PCT listenerPermille=120 faults=...}; for
     * an allocator alone, its classes instead of the listeners; its named fault sites when it has any.
     */
    public String describe() {
        return "SIM workers=" + workers + " scheduler=" + scheduling
                + (allocatorAlone() ? " allocatorAlone=" + classesText() : " listenerPermille=" + listenerPermille)
                + " faults=" + describeFaults() + (namedFaultPermille.isEmpty() ? "" : " namedFaults="
                + describeNamedFaults());
    }

    private String classesText() {
        return String.join(",", allocatorAloneClasses.stream().map(String::valueOf).toList());
    }

    /** The replay-file notes that rebuild these settings. */
    public Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(WORKERS, Integer.toString(workers));
        notes.put(SCHEDULER, scheduling.name());
        notes.put(LISTENERS, Integer.toString(listenerPermille));
        notes.put(FAULTS, describeFaults());
        if (allocatorAlone()) {
            notes.put(ALONE, classesText());
        }
        if (!namedFaultPermille.isEmpty()) {
            notes.put(NAMED_FAULTS, describeNamedFaults());
        }
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
        return new SimulationSettings(workers, scheduling, sites, listeners, aloneClasses(notes), namedFaults(notes));
    }

    private static List<Integer> aloneClasses(Map<String, String> notes) {
        String text = notes.get(ALONE);
        if (text == null) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(text.split(",")).map(part -> Integer.valueOf(part.strip())).toList();
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(ALONE + "=" + text + " must be the size classes, e.g. 4096,8192", bad);
        }
    }

    private static Map<String, Integer> namedFaults(Map<String, String> notes) {
        Map<String, Integer> sites = new TreeMap<>();
        String text = notes.getOrDefault(NAMED_FAULTS, "none");
        if (text.equals("none")) {
            return sites;
        }
        for (String part : text.split(",")) {
            int colon = part.lastIndexOf(':');
            try {
                sites.put(part.substring(0, colon).strip(), Integer.parseInt(part.substring(colon + 1).strip()));
            } catch (NumberFormatException | StringIndexOutOfBoundsException bad) {
                throw new IllegalArgumentException(NAMED_FAULTS + " entry='" + part + "' must be SITE:PERMILLE", bad);
            }
        }
        return sites;
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
