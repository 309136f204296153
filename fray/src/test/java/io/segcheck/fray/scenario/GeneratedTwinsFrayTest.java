package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.kit.SystemProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each defect below is found from seed 0 by generated scenarios nobody shaped for it, and needs an
 * interleaving where its defect says so (no order of the scenario's whole calls fails). A class of
 * its own so that the build runs it in a JVM beside {@link GeneratedScenariosFrayTest}'s (the fray
 * module runs two test JVMs at once): the race search's wall time in verify is the longer of the
 * two, not their sum.
 *
 * <p>Budget ({@code -D}, raised by {@code -Pdeep}): {@code races.twinScenarios} scenarios of
 * {@code races.twinSchedules} schedules for each twin.
 */
class GeneratedTwinsFrayTest {

    /**
     * The defects searched for when the build names none: every interleaving defect and the two of
     * one call, all found within the verify budget. The build passes {@code races.twins}
     * (fray/pom.xml). A defect switch added later is searched for by adding its name there; a name
     * the Defect enum does not have is skipped.
     */
    static final List<String> TWINS = List.of("RETURN_NOT_IDEMPOTENT", "REMOVAL_CHECK_THEN_RETURN_RACES_PUT",
            "HIGH_WATER_COUNTS_DRAINED", "UNMAP_COUNTS_BEFORE_DRAIN", "RESIZE_SHARED_DANGLING", "RETIRE_RELEASES_OUTSIDE_LOCK",
            "FREE_STACK_WITHOUT_ABA_TAG");

    static List<Defect> twinDefects() {
        List<String> names = Arrays.asList(System.getProperty("races.twins", String.join(",", TWINS)).split(","));
        return Arrays.stream(Defect.values()).filter(defect -> names.contains(defect.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twinDefects")
    void redTwinIsFoundByGeneratedScenarios(Defect defect) {
        int scenarios = SystemProperties.intProperty("races.twinScenarios", 40);
        int schedules = SystemProperties.intProperty("races.twinSchedules", 60);
        Optional<RaceSearch.Detection> found = RaceSearch.firstFailure(defect, 0, scenarios, schedules);
        assertTrue(found.isPresent(), () -> defect + " NOT found by " + scenarios + " generated scenarios of "
                + schedules + " schedules");
        RaceSearch.Detection detection = found.get();
        Finding finding = detection.finding();
        RacesRecord.write(detection);
        Path file = GeneratedScenariosFrayTest.OUT.resolve(defect.name() + ".properties");
        ReplayFile.write(file, finding);
        RaceSearch.Sequential sequential = RaceSearch.inWholeCallOrders(finding.scenario(), finding.defects(), 200);
        System.out.printf(Locale.ROOT, "RACES-TWIN defect=%s symptom=%s scenariosTried=%d seed=%d schedulesRun=%d "
                        + "seconds=%.1f schedule=%s wholeCallOrders=%d failingWholeCallOrders=%d%n%s"
                        + "replay: ./segcheck races --replay fray/%s%n", defect, finding.symptom(),
                detection.scenariosTried(), finding.scenario().seed(), detection.schedulesRun(), detection.seconds(),
                finding.schedule().text(), sequential.ordersTried(), sequential.ordersFailing(), FindingReport.of(finding),
                file);
        if (defect.needsInterleaving()) {
            assertEquals(0, sequential.ordersFailing(), () -> defect + " failed in an order of whole calls, so the "
                    + "scenario proves only wiring:\n" + FindingReport.of(sequential.firstFailure()));
        }
    }

}
