package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PreemptBeforeWriteScheduler} on the free stack's ABA: one thread leases while another
 * leases two slices of the same class and gives the first back. The ABA shows only when the first
 * thread is held between its pop's read of the head and its compare-and-set while the other makes
 * all three calls, so no order of whole calls shows it (checked here too), and a PREEMPT schedule
 * must place its preemption on that one commit. Each scenario seed's first 40 PREEMPT schedules
 * must find it; the fixed system passes the same schedules; a schedule runs the same twice.
 */
class PreemptBeforeWriteFrayTest {

    private static final String ABA = "settings budget=524288 region=262144 quarantine=0\n"
            + "init: allocate(8192); release(0)\nt0: allocate(8192)\nt1: allocate(8192); allocate(8192); release(1)\n";
    private static final int SCHEDULES = 40;

    @Test
    void findsTheFreeStacksAbaWhichNoOrderOfWholeCallsShows() {
        for (long seed = 0; seed < 4; seed++) {
            Scenario scenario = Scenario.parse(seed, ABA);
            RaceSearch.Sequential whole = RaceSearch.inWholeCallOrders(scenario, Defects.of(Defect.FREE_STACK_WITHOUT_ABA_TAG),
                    200);
            assertEquals(0, whole.ordersFailing(), "the ABA must need an interleaving");
            ScenarioExplorer defective = new ScenarioExplorer(scenario, Defects.of(Defect.FREE_STACK_WITHOUT_ABA_TAG));
            ScenarioExplorer fixed = new ScenarioExplorer(scenario, Defects.none());
            int found = -1;
            for (int index = 0; index < SCHEDULES && found < 0; index++) {
                FraySchedule schedule = schedule(seed, index, defective);
                Optional<Finding> finding = defective.replay(schedule);
                if (finding.isPresent()) {
                    found = index;
                    assertTrue(fixed.replay(schedule).isEmpty(), "the fixed system failed " + schedule.text());
                }
            }
            assertTrue(found >= 0, "scenario seed " + seed + ": no PREEMPT schedule of " + SCHEDULES + " found the ABA");
            System.out.println("PREEMPT-ABA seed=" + seed + " foundAtSchedule=" + found);
        }
    }

    @Test
    void aScheduleRunsTheSameTwice() {
        ScenarioExplorer explorer = new ScenarioExplorer(Scenario.parse(0, ABA), Defects.of(Defect.FREE_STACK_WITHOUT_ABA_TAG));
        for (int index = 0; index < 6; index++) {
            FraySchedule schedule = new FraySchedule(FraySchedule.Strategy.PREEMPT, index, 12, index % 2 == 0);
            assertEquals(explorer.signatureOf(schedule), explorer.signatureOf(schedule), schedule.text());
        }
    }

    /** Schedule {@code index} of the scenario: synchronisation only, the commit bound learnt from the runs before. */
    private static FraySchedule schedule(long seed, int index, ScenarioExplorer explorer) {
        return new FraySchedule(FraySchedule.Strategy.PREEMPT, seed * 1_000_003L + index, explorer.learntCommits(false),
                false);
    }
}
