package io.segcheck.sim.matrix;

import io.segcheck.sim.runner.SubjectFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The detectors of the matrix, in column order. */
public final class Detectors {

    /** Where the stress module's red twins write their detection records in its build. */
    public static final Path DEFAULT_RESULTS_DIR = Path.of("stress", "target", "detections");

    private static final String STRESS_BUILD = "run ./segcheck mvn -pl stress -am verify (writes them in its build)";

    private Detectors() {
    }

    /**
     * Every detector: the in-process ones run here; the stress module's are read from
     * {@code resultsDir}.
     */
    public static List<Detector> all(SubjectFactory world, Path resultsDir) {
        return List.of(
                new SequenceRunnerDetector(world),
                new SoakDetector(),
                new RecordedDetector("lincheck", "Lincheck model checking of call-level operations against the "
                        + "model as sequential specification (stress module, surefire)", "lincheck", resultsDir,
                        Map.of("PREALLOCATED_POOL_LEAK", "a leak at pool construction has no concurrent symptom"),
                        STRESS_BUILD),
                new RecordedDetector("jcstress", "JCStress forbidden outcomes of Broken siblings on real hardware "
                        + "(stress module, verify)", "jcstress", resultsDir,
                        Map.of("PREALLOCATED_POOL_LEAK", "a leak at pool construction has no concurrent symptom"),
                        STRESS_BUILD));
    }
}
