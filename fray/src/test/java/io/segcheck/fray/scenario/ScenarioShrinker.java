package io.segcheck.fray.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shrinks a finding: fewer threads, then fewer calls (init part included), then simpler arguments
 * (each tried at 0), keeping a change whenever the smaller scenario still fails with the same
 * symptom within {@code schedules} schedules; then, among the failing schedules of the smallest
 * scenario, the simplest: the one whose run overlaps the fewest pairs of calls of different threads.
 */
final class ScenarioShrinker {

    /** The shrunk finding and how many candidate scenarios were tried. */
    record Shrunk(Finding finding, int attempts, int overlaps) {
    }

    private final int schedules;
    private final String symptom;
    private int attempts;

    private ScenarioShrinker(int schedules, String symptom) {
        this.schedules = schedules;
        this.symptom = symptom;
    }

    static Shrunk shrink(Finding original, int schedules) {
        ScenarioShrinker shrinker = new ScenarioShrinker(schedules, original.symptom());
        Finding smallest = original;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Scenario candidate : candidates(smallest.scenario())) {
                Optional<Finding> failing = shrinker.fails(candidate, smallest);
                if (failing.isPresent()) {
                    smallest = failing.get();
                    progress = true;
                    break;
                }
            }
        }
        return shrinker.simplestSchedule(smallest);
    }

    private Optional<Finding> fails(Scenario candidate, Finding current) {
        attempts++;
        ScenarioExplorer explorer = new ScenarioExplorer(candidate, current.defects());
        ScenarioExplorer.Outcome outcome = explorer.explore(schedules);
        Finding found = outcome.finding();
        return found != null && found.symptom().equals(symptom) ? Optional.of(found) : Optional.empty();
    }

    /** Smaller scenarios, most radical first: a thread less, a call less, an argument at 0. */
    static List<Scenario> candidates(Scenario scenario) {
        List<Scenario> candidates = new ArrayList<>();
        List<List<Op>> threads = scenario.threads();
        if (threads.size() > 1) {
            for (int drop = 0; drop < threads.size(); drop++) {
                List<List<Op>> fewer = new ArrayList<>(threads);
                fewer.remove(drop);
                candidates.add(scenario.withThreads(fewer));
            }
        }
        for (int i = 0; i < scenario.init().size(); i++) {
            List<Op> init = new ArrayList<>(scenario.init());
            init.remove(i);
            candidates.add(scenario.withInit(init));
        }
        for (int thread = 0; thread < threads.size(); thread++) {
            for (int i = 0; i < threads.get(thread).size(); i++) {
                List<Op> ops = new ArrayList<>(threads.get(thread));
                ops.remove(i);
                List<List<Op>> changed = new ArrayList<>(threads);
                if (ops.isEmpty()) {
                    changed.remove(thread);
                } else {
                    changed.set(thread, ops);
                }
                if (!changed.isEmpty()) {
                    candidates.add(scenario.withThreads(changed));
                }
            }
        }
        for (int thread = 0; thread < threads.size(); thread++) {
            for (int i = 0; i < threads.get(thread).size(); i++) {
                Op op = threads.get(thread).get(i);
                for (int arg = 0; arg < op.kind().argCount(); arg++) {
                    if (op.arg(arg) != 0 && op.kind() != OpKind.ALLOCATE && op.kind() != OpKind.BORROW) {
                        List<Op> ops = new ArrayList<>(threads.get(thread));
                        ops.set(i, op.withArg(arg, 0));
                        List<List<Op>> changed = new ArrayList<>(threads);
                        changed.set(thread, ops);
                        candidates.add(scenario.withThreads(changed));
                    }
                }
            }
        }
        return candidates;
    }

    /** Of the first failing schedules of {@code finding}'s scenario, the one that overlaps the fewest calls. */
    private Shrunk simplestSchedule(Finding finding) {
        ScenarioExplorer explorer = new ScenarioExplorer(finding.scenario(), finding.defects());
        Finding simplest = finding;
        int fewest = overlaps(finding.history());
        int found = 0;
        for (int index = 0; index < schedules && found < 5; index++) {
            Optional<Finding> failing = explorer.run(explorer.schedule(index));
            if (failing.isPresent() && failing.get().symptom().equals(symptom)) {
                found++;
                int overlaps = overlaps(failing.get().history());
                if (overlaps < fewest) {
                    fewest = overlaps;
                    simplest = failing.get();
                }
            }
        }
        return new Shrunk(simplest, attempts, fewest);
    }

    /** Pairs of calls of different threads that ran at the same time (each invoked before the other returned). */
    static int overlaps(History history) {
        List<History.Call> calls = history.calls();
        int overlaps = 0;
        for (int i = 0; i < calls.size(); i++) {
            for (int j = i + 1; j < calls.size(); j++) {
                History.Call a = calls.get(i);
                History.Call b = calls.get(j);
                if (a.lane() != b.lane() && a.invoked() < b.returned() && b.invoked() < a.returned()) {
                    overlaps++;
                }
            }
        }
        return overlaps;
    }
}
