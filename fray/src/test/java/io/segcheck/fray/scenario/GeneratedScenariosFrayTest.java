package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.kit.SystemProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated concurrent scenarios under Fray, judged by the model: the fixed system stays clean
 * over the default seeds; a failure replays exactly, twice, from its file; a failure shrinks. The
 * red twins' search is {@link GeneratedTwinsFrayTest} (its own JVM, beside this one).
 *
 * <p>Budgets ({@code -D}, raised by {@code -Pdeep}): {@code races.cleanSeeds} scenarios of
 * {@code races.schedules} schedules for the fixed system.
 */
class GeneratedScenariosFrayTest {

    static final Path OUT = Path.of("target", "races");

    @Test
    void fixedSystemStaysCleanOverTheDefaultSeeds() {
        int seeds = SystemProperties.intProperty("races.cleanSeeds", 30);
        int schedules = SystemProperties.intProperty("races.schedules", 20);
        long start = System.nanoTime();
        long schedulesRun = 0;
        int undecided = 0;
        List<String> openFindings = new ArrayList<>();
        List<String> stepBudgetRuns = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            Scenario scenario = ScenarioGenerator.generate(seed);
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, Defects.none()).explore(schedules);
            schedulesRun += outcome.schedulesRun();
            undecided += outcome.undecided();
            long scenarioSeed = seed;
            outcome.stepBudgetRuns().forEach(run -> stepBudgetRuns.add("seed " + scenarioSeed + " " + run.schedule().text()
                    + ": stopped at " + FraySchedule.MAX_STEPS + " steps; threads shortly before:\n" + run.stacks()));
            if (outcome.finding() == null) {
                continue;
            }
            Path file = OUT.resolve("fixed-seed-" + seed + ".properties");
            ReplayFile.write(file, outcome.finding());
            String report = FindingReport.of(outcome.finding()) + "replay: ./segcheck races --replay fray/" + file;
            if (!refusedForATransientLease(outcome.finding())) {
                fail("the fixed system failed a generated scenario, seed " + seed + "\n" + report);
            }
            // Open: refusals for a lease another call held only for a moment (see docs/evidence/races.md).
            openFindings.add(report);
            System.out.println("RACES-OPEN-FINDING seed=" + seed + "\n" + report);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RACES-CLEAN scenarios=%d schedules=%d seconds=%.1f scenariosPerSecond=%.2f "
                        + "schedulesPerSecond=%.1f undecided=%d openFindings=%d%n", seeds, schedulesRun, seconds,
                seeds / seconds, schedulesRun / seconds, undecided, openFindings.size());
        assertEquals(List.of(), stepBudgetRuns, "runs of the fixed system that never ended within the step budget");
    }

    /**
     * A call refused EXHAUSTED where the model grants it, while a call that holds two leases for a
     * moment overlaps it: a borrow of a page with a separate DeweyID segment (its first lease is
     * given back when the second is refused) or a write that grows a page (the new segment is
     * leased before the old one goes back). The model's calls are atomic, so the reference never
     * sees that moment's budget (fixed system, seed 26: a borrow refused for the slot segment of a
     * concurrent borrow that then failed). Open: the reference cannot yet apply the refusal.
     */
    static boolean refusedForATransientLease(Finding finding) {
        Linearizability.Verdict verdict = finding.verdict();
        if (verdict == null || verdict.disagreeing() == null || !"err:EXHAUSTED".equals(verdict.observed())
                || !verdict.expected().startsWith("ok")) {
            return false;
        }
        History.Call refused = verdict.disagreeing();
        return finding.history().calls().stream().anyMatch(call -> call != refused && !call.isListener()
                && call.invoked() < refused.returned() && refused.invoked() < call.returned()
                && holdsTwoLeasesForAMoment(call.op()));
    }

    private static boolean holdsTwoLeasesForAMoment(Op op) {
        return switch (op.kind()) {
            case BORROW -> op.arg(1) != 0;
            case SET_SLOT, SET_DEWEY_ID, RESET_FOR_REUSE -> true;
            default -> false;
        };
    }

    /**
     * Runs the fixed code once had under one schedule, and which were the oracle's mistakes, not the
     * system's: each must now pass. Seed 127: an allocate refused ILLEGAL_STATE by a concurrent close
     * after it had taken a region, so another allocate was refused EXHAUSTED for it; seed 27 below.
     */
    @Test
    void fixedCodeRunsTheOracleOnceRefusedNowPass() {
        Scenario scenario = Scenario.parse(127, "settings budget=786432 region=262144 quarantine=1\ninit: \n"
                + "t0: allocate(262144); allocate(262144); close()\nt1: allocate(100); stats(); close()\n"
                + "t2: allocate(262144); stats()\nt3: stats(); allocate(262144); stats(); stats()\n");
        assertPasses(scenario, new FraySchedule(FraySchedule.Strategy.POS, 127000383, 0));
        // Seed 27: two puts of the same page under one key raced; the later replaced the earlier's
        // entry, and the listener ran for a REPLACED notification of a page still mapped (a no-op).
        assertPasses(Scenario.parse(27, "settings budget=786432 region=262144 quarantine=1\n"
                + "init: borrow(65536,1); borrow(65536,1); put(1,1); allocate(8192); release(0)\n"
                + "t0: cleanUp(); guard(3); put(2,2); closeGuard(0)\nt1: invalidate(0); cleanUp(); getAndGuard(0); "
                + "returnSegments(0)\nt2: closeGuard(1)\nt3: returnSegments(1); guard(1); put(2,0)\n"),
                new FraySchedule(FraySchedule.Strategy.POS, 27000107, 0));
        // Seed 33: a stale release after its region was unmapped said FOREIGN where the reference's
        // allocator, placed elsewhere by mmap, said another of the refusals the model accepts there.
        assertPasses(Scenario.parse(33, "settings budget=262144 region=262144 quarantine=0\ninit: allocate(262144)\n"
                + "t0: release(3); setSlot(3,0,3000,3); allocate(100)\n"
                + "t1: stats(); setSlot(2,1,3000,2); release(1); stats()\n"),
                new FraySchedule(FraySchedule.Strategy.PCT, 33000100, 0));
    }

    /**
     * A getAndGuard racing a put that replaces the key's page: the lookup found the old entry, the
     * put replaced it, the listener retired the old page, and the guard was refused, so the call
     * answered empty although the key was mapped throughout (fixed system, seed 136; before
     * PageCache.getAndGuard looked again, found by these three scenarios within 45, 17 and 36
     * schedules).
     */
    @Test
    void getAndGuardRacingAReplacingPutNeverAnswersAMiss() {
        for (long seed = 0; seed < 3; seed++) {
            Scenario scenario = Scenario.parse(seed, "settings budget=524288 region=262144 quarantine=2\n"
                    + "init: borrow(65536,0); borrow(8192,0); put(1,1)\nt0: put(1,0)\nt1: getAndGuard(1)\n");
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, Defects.none()).explore(100);
            assertTrue(outcome.finding() == null, () -> FindingReport.of(outcome.finding()));
        }
    }

    private static void assertPasses(Scenario scenario, FraySchedule schedule) {
        Optional<Finding> finding = new ScenarioExplorer(scenario, Defects.none()).replay(schedule);
        assertTrue(finding.isEmpty(), () -> FindingReport.of(finding.orElseThrow()));
    }

    @Test
    void aFailureReplaysExactlyTwiceFromItsFile() {
        // RETIRE_RELEASES_OUTSIDE_LOCK: a failure that needs a thread switch inside a call (no order of
        // whole calls shows it), so replaying it exactly means the schedule came back switch for switch;
        // found under a synchronisation-only schedule, so the file must bring back that mode too.
        RaceSearch.Detection detection = RaceSearch.firstFailure(Defect.RETIRE_RELEASES_OUTSIDE_LOCK, 0,
                        SystemProperties.intProperty("races.twinScenarios", 60), 60)
                .orElseThrow(() -> new AssertionError("no failure to replay"));
        Path file = OUT.resolve("replay-twice.properties");
        ReplayFile.write(file, detection.finding());
        for (int replay = 1; replay <= 2; replay++) {
            ReplayFile.Replayed replayed = ReplayFile.replay(file);
            int number = replay;
            assertTrue(replayed.exact(), () -> "replay " + number + " of " + file + " was not exact: "
                    + replayed.finding().map(FindingReport::of).orElse("it passed"));
            System.out.println("RACES-REPLAY " + replay + " exact: " + replayed.finding().orElseThrow().symptom() + " "
                    + replayed.finding().orElseThrow().schedule().text());
        }
    }

    @Test
    void aFailureShrinksToFewerThreadsAndCalls() {
        // REMOVAL_CHECK_THEN_RETURN_RACES_PUT: a race, so each smaller scenario must fail again under Fray.
        RaceSearch.Detection detection = RaceSearch.firstFailure(Defect.REMOVAL_CHECK_THEN_RETURN_RACES_PUT, 0, 40, 60)
                .orElseThrow(() -> new AssertionError("no failure to shrink"));
        Finding original = detection.finding();
        ScenarioShrinker.Shrunk shrunk = ScenarioShrinker.shrink(original, SystemProperties.intProperty(
                "races.shrinkSchedules", 60));
        Scenario before = original.scenario();
        Scenario after = shrunk.finding().scenario();
        System.out.println("RACES-SHRUNK from " + before.threads().size() + " threads / " + before.operationCount()
                + " calls to " + after.threads().size() + " threads / " + after.operationCount() + " calls in "
                + shrunk.attempts() + " attempts; overlapping pairs " + shrunk.overlaps() + "\nbefore:\n" + before.text()
                + "after:\n" + FindingReport.of(shrunk.finding()));
        ReplayFile.write(OUT.resolve("shrunk.properties"), shrunk.finding());
        assertTrue(after.operationCount() < before.operationCount(), "shrinking removed nothing");
        assertEquals(original.symptom(), shrunk.finding().symptom());
    }
}
