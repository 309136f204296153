package io.segcheck.sim.matrix;

import io.segcheck.sim.runner.SubjectFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The detectors of the matrix, in column order. */
public final class Detectors {

    /**
     * The repository root: each module's build writes detection records into its
     * {@code target/detections} (the stress module's Lincheck and JCStress red twins).
     */
    public static final Path DEFAULT_RESULTS_ROOT = Path.of(".");

    private static final String STRESS_BUILD = "run ./segcheck mvn -pl stress -am verify (writes them in its build)";
    /** Why the red-twin techniques (Lincheck, JCStress, Fray) have no twin for some defects. */
    private static final Map<String, String> WHY_NO_TWIN = Map.of(
            "PREALLOCATED_POOL_LEAK", "a leak at pool construction has no concurrent symptom",
            "REMOVAL_RETURNS_REMAPPED_PAGE", "it needs a removal listener queued behind later calls; the simulator owns that queue",
            "REMOVAL_RETURNS_REUSED_PAGE", "it needs a removal listener queued behind later calls; the simulator owns that queue");

    private Detectors() {
    }

    /**
     * Every detector: the in-process ones run here; the other modules' are read from the records
     * under {@code resultsRoot}.
     */
    public static List<Detector> all(SubjectFactory world, Path resultsRoot) {
        return all(world, resultsRoot, 1);
    }

    /** As above, the seeded detectors (runner, simulator) running {@code jobs} seeds at once. */
    public static List<Detector> all(SubjectFactory world, Path resultsRoot, int jobs) {
        return List.of(
                new SequenceRunnerDetector(world, jobs),
                new SimulatorDetector(jobs),
                new SoakDetector(),
                new KitDetector(),
                new RecordedDetector("lincheck", "Lincheck model checking of call-level operations against the "
                        + "model as sequential specification (stress module, surefire)", "lincheck", resultsRoot,
                        WHY_NO_TWIN,
                        STRESS_BUILD),
                new RecordedDetector("jcstress", "JCStress forbidden outcomes of Broken siblings on real hardware "
                        + "(stress module, verify)", "jcstress", resultsRoot,
                        WHY_NO_TWIN,
                        STRESS_BUILD),
                new RecordedDetector("fray", "Fray controlled scheduling of real threads, every field access, CAS "
                        + "and lock a scheduling point (fray module)", "fray", resultsRoot,
                        WHY_NO_TWIN,
                        "run ./segcheck mvn -pl fray -am verify (its red twins write them)"),
                new RecordedDetector("races", "generated concurrent scenarios on real threads under Fray, judged by "
                        + "ownership invariants, quiesce and linearizability against the model (fray module)", "races",
                        resultsRoot, WHY_NO_TWIN, "run ./segcheck mvn -pl fray -am verify (GeneratedScenariosFrayTest writes them)"));
    }
}
