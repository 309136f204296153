package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The search of a red twin, told nothing but the defect: scenarios from consecutive seeds, each
 * explored for {@code schedules} schedules with the defect on, until one fails that the fixed
 * system passes under the same schedules. And the check that a failure needs an interleaving:
 * the same scenario's calls as whole calls, in many orders, on one thread.
 */
final class RaceSearch {

    /** The first failing scenario and what it took: seeds tried, schedules run, seconds. */
    record Detection(Defect defect, Finding finding, int scenariosTried, long schedulesRun, double seconds) {
    }

    private RaceSearch() {
    }

    /**
     * Seeds {@code from} onwards, at most {@code maxScenarios} of them; empty when none failed. Two
     * rounds: first every scenario under a few schedules (a defect that shows in most interleavings,
     * or in any order, is found there cheaply), then every scenario under {@code schedules}.
     */
    static Optional<Detection> firstFailure(Defect defect, long from, int maxScenarios, int schedules) {
        long start = System.nanoTime();
        long[] schedulesRun = {0};
        for (int round : new int[] {Math.min(FIRST_ROUND_SCHEDULES, schedules), schedules}) {
            Optional<Detection> found = round(defect, from, maxScenarios, round, start, schedulesRun);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static final int FIRST_ROUND_SCHEDULES = 4;

    private static Optional<Detection> round(Defect defect, long from, int maxScenarios, int schedules, long start,
                                             long[] schedulesRun) {
        for (int tried = 1; tried <= maxScenarios; tried++) {
            Scenario scenario = ScenarioGenerator.generate(from + tried - 1);
            ScenarioExplorer.Outcome outcome = new ScenarioExplorer(scenario, Defects.of(defect)).explore(schedules);
            schedulesRun[0] += outcome.schedulesRun();
            if (outcome.finding() != null && fixedPasses(scenario, outcome.schedulesRun())) {
                return Optional.of(new Detection(defect, outcome.finding(), tried, schedulesRun[0],
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return Optional.empty();
    }

    /** The fixed system passes the first {@code schedules} schedules of {@code scenario}: the failure is the defect's. */
    static boolean fixedPasses(Scenario scenario, int schedules) {
        return new ScenarioExplorer(scenario, Defects.none()).explore(schedules).finding() == null;
    }

    /** What running the calls as whole calls on one thread showed: orders tried, and the first failure. */
    record Sequential(int ordersTried, int ordersFailing, Finding firstFailure) {
    }

    /**
     * The scenario's calls as whole calls on the calling thread, each call's listener runs right
     * after it: every order when there are at most {@code maxOrders}, else that many drawn from a seeded
     * random. Judged like a scheduled run.
     */
    static Sequential inWholeCallOrders(Scenario scenario, Defects defects, int maxOrders) {
        List<List<Integer>> orders = orders(scenario, maxOrders);
        int failing = 0;
        Finding first = null;
        ScenarioExplorer judge = new ScenarioExplorer(scenario, defects);
        for (List<Integer> order : orders) {
            History history;
            try (ScenarioRun run = new ScenarioRun(scenario, defects)) {
                run.runInOrder(order);
                history = run.finish();
            }
            Optional<Finding> finding = judge.judge(new FraySchedule(FraySchedule.Strategy.POS, -1, 0), history);
            if (finding.isPresent()) {
                failing++;
                first = first == null ? finding.get() : first;
            }
        }
        return new Sequential(orders.size(), failing, first);
    }

    private static List<List<Integer>> orders(Scenario scenario, int maxOrders) {
        List<List<Integer>> all = new ArrayList<>();
        int[] remaining = scenario.threads().stream().mapToInt(List::size).toArray();
        enumerate(remaining, new ArrayList<>(), all, maxOrders + 1);
        if (all.size() <= maxOrders) {
            return all;
        }
        List<List<Integer>> drawn = new ArrayList<>();
        Random random = new Random(scenario.seed());
        for (int i = 0; i < maxOrders; i++) {
            drawn.add(randomOrder(remaining, random));
        }
        return drawn;
    }

    private static void enumerate(int[] remaining, List<Integer> prefix, List<List<Integer>> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        boolean any = false;
        for (int lane = 0; lane < remaining.length; lane++) {
            if (remaining[lane] > 0) {
                any = true;
                remaining[lane]--;
                prefix.add(lane);
                enumerate(remaining, prefix, out, limit);
                prefix.removeLast();
                remaining[lane]++;
            }
        }
        if (!any) {
            out.add(List.copyOf(prefix));
        }
    }

    private static List<Integer> randomOrder(int[] counts, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int lane = 0; lane < counts.length; lane++) {
            for (int i = 0; i < counts[lane]; i++) {
                order.add(lane);
            }
        }
        java.util.Collections.shuffle(order, random);
        return order;
    }
}
