package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (its name matches no include): explores a range of seeds and prints one line
 * per scenario, for measuring. {@code -Dtest=ScenarioProbe -Dprobe.from=0 -Dprobe.to=40
 * -Dprobe.schedules=30 -Dprobe.defects=NAME}.
 */
class ScenarioProbe {

    @Test
    void probe() {
        long from = Long.getLong("probe.from", 0);
        long to = Long.getLong("probe.to", 5);
        int schedules = Integer.getInteger("probe.schedules", 10);
        Defects defects = Defects.parse(System.getProperty("probe.defects", ""));
        for (long seed = from; seed < to; seed++) {
            String text = System.getProperty("probe.scenario");
            Scenario scenario = text == null ? ScenarioGenerator.generate(seed)
                    : Scenario.parse(seed, text.replace("|", "\n"));
            if (Boolean.getBoolean("probe.skipCache") && scenario.callsTheCache()) {
                continue;
            }
            long start = System.nanoTime();
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, defects).explore(schedules);
            System.out.println("PROBE seed=" + seed + " ops=" + scenario.operationCount() + " schedules=" + outcome.schedulesRun()
                    + " ms=" + (System.nanoTime() - start) / 1_000_000 + " undecided=" + outcome.undecided()
                    + (outcome.finding() == null ? " clean" : " FOUND " + outcome.finding().symptom() + " "
                    + outcome.finding().schedule().text() + "\n" + FindingReport.of(outcome.finding())));
        }
    }
}
