package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/**
 * Not part of the build (its name matches no include): explores a range of seeds and prints one line
 * per scenario, for measuring. {@code -Dtest=ScenarioProbe -Dprobe.from=0 -Dprobe.to=40
 * -Dprobe.schedules=30 -Dprobe.defects=NAME}.
 */
class ScenarioProbe {

    /**
     * {@code -Dprobe.search=NAME,..}: the red twins' search as the build runs it
     * ({@link RaceSearch#firstFailure}) for each defect named, {@code -Dprobe.scenarios} scenarios of
     * {@code -Dprobe.schedules} schedules; one line each.
     */
    @Test
    void search() {
        String names = System.getProperty("probe.search", "");
        int scenarios = Integer.getInteger("probe.scenarios", 40);
        int schedules = Integer.getInteger("probe.schedules", 60);
        for (String name : names.isBlank() ? new String[0] : names.split(",")) {
            Defect defect = Defect.valueOf(name.trim());
            long start = System.nanoTime();
            Optional<RaceSearch.Detection> found = RaceSearch.firstFailure(defect, 0, scenarios, schedules);
            System.out.println("SEARCH " + defect + found.map(detection -> " FOUND seed=" + detection.finding().scenario()
                    .seed() + " scenariosTried=" + detection.scenariosTried() + " schedulesRun=" + detection.schedulesRun()
                    + " seconds=" + Math.round(detection.seconds() * 10) / 10.0 + " symptom="
                    + detection.finding().symptom() + " " + detection.finding().schedule().text() + "\n"
                    + FindingReport.of(detection.finding())).orElse(" NOT FOUND in " + scenarios + " x " + schedules
                    + " seconds=" + (System.nanoTime() - start) / 1_000_000_000));
        }
    }

    /**
     * {@code -Dprobe.signatures=true}: each schedule of each scenario once, printing a hash of what
     * the run did (every result and the order of every invocation and return); two JVMs printing
     * the same lines ran the same schedules the same way.
     */
    @Test
    void signatures() {
        if (!Boolean.getBoolean("probe.signatures")) {
            return;
        }
        long from = Long.getLong("probe.from", 0);
        long to = Long.getLong("probe.to", 5);
        int schedules = Integer.getInteger("probe.schedules", 10);
        Defects defects = Defects.parse(System.getProperty("probe.defects", ""));
        for (long seed = from; seed < to; seed++) {
            System.out.println("SIGNATURES " + Signatures.of(seed, schedules, defects));
        }
    }

    @Test
    void probe() {
        if (Boolean.getBoolean("probe.signatures")) {
            return;
        }
        if (System.getProperty("probe.search") != null) {
            return;
        }
        long from = Long.getLong("probe.from", 0);
        long to = Long.getLong("probe.to", 5);
        int schedules = Integer.getInteger("probe.schedules", 10);
        Defects defects = Defects.parse(System.getProperty("probe.defects", ""));
        for (long seed = from; seed < to; seed++) {
            String text = System.getProperty("probe.scenario");
            Scenario scenario = text == null ? ScenarioGenerator.generate(seed)
                    : Scenario.parse(seed, text.replace("|", "\n"));
            if (Boolean.getBoolean("probe.print")) {
                System.out.println("SCENARIO " + seed + "\n" + scenario.text());
                continue;
            }
            if (Boolean.getBoolean("probe.skipCache") && scenario.callsTheCache()) {
                continue;
            }
            long start = System.nanoTime();
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, defects).explore(schedules);
            System.out.println("PROBE seed=" + seed + " ops=" + scenario.operationCount() + " schedules=" + outcome.schedulesRun()
                    + " ms=" + (System.nanoTime() - start) / 1_000_000 + " undecided=" + outcome.undecided()
                    + " stepBudget=" + outcome.stepBudgetRuns().size()
                    + outcome.stepBudgetRuns().stream().findFirst().map(run -> " first " + run.schedule().text() + "\n"
                    + run.stacks()).orElse("")
                    + (outcome.finding() == null ? " clean" : " FOUND " + outcome.finding().symptom() + " "
                    + outcome.finding().schedule().text() + "\n" + FindingReport.of(outcome.finding())));
        }
    }
}
