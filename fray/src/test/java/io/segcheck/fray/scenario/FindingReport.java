package io.segcheck.fray.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finding as a reader needs it, Lincheck style: the scenario as a threads x operations table
 * with each call's result (and, where the search placed it, the model's expected result), then the
 * interleaving that broke it (every invocation and return in clock order), then the verdict.
 */
final class FindingReport {

    private FindingReport() {
    }

    static String of(Finding finding) {
        StringBuilder text = new StringBuilder();
        text.append("symptom: ").append(finding.symptom()).append('\n');
        text.append("defects: ").append(finding.defects().enabled().isEmpty() ? "none" : finding.defects().enabled()).append('\n');
        text.append("schedule: ").append(finding.schedule().text()).append('\n');
        text.append(finding.scenario().settings().text()).append("\n\n");
        text.append(table(finding)).append('\n');
        text.append("interleaving (clock order):\n").append(interleaving(finding.history())).append('\n');
        text.append("verdict: ").append(finding.message()).append('\n');
        return text.toString();
    }

    /** Columns init, t0.., L; row i holds each lane's call i with its result and the model's expected one. */
    private static String table(Finding finding) {
        Map<String, String> expected = expectedResults(finding.verdict());
        Map<Integer, List<History.Call>> byLane = new TreeMap<>();
        for (History.Call call : finding.history().calls()) {
            byLane.computeIfAbsent(call.lane(), lane -> new ArrayList<>()).add(call);
        }
        List<String> header = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        for (Map.Entry<Integer, List<History.Call>> lane : byLane.entrySet()) {
            header.add(lane.getValue().getFirst().laneName());
            List<String> cells = new ArrayList<>();
            for (History.Call call : lane.getValue()) {
                String model = expected.get(call.describe());
                cells.add((call.op() == null ? "listener run" : call.op().text()) + " -> " + call.token()
                        + (model != null && !model.equals(call.token()) ? " [model: " + model + "]" : "")
                        + " @" + call.invoked() + ".." + call.returned());
            }
            columns.add(cells);
        }
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        StringBuilder text = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(column -> text.append("---|"));
        text.append('\n');
        for (int row = 0; row < rows; row++) {
            text.append('|');
            for (List<String> cells : columns) {
                text.append(' ').append(row < cells.size() ? cells.get(row) : "").append(" |");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The model's expected result of each call the deepest order placed, and of the call that disagreed. */
    private static Map<String, String> expectedResults(Linearizability.Verdict verdict) {
        Map<String, String> expected = new TreeMap<>();
        if (verdict == null) {
            return expected;
        }
        for (int i = 0; i < verdict.deepestOrder().size(); i++) {
            expected.put(verdict.deepestOrder().get(i).describe(), verdict.deepestExpected().get(i));
        }
        if (verdict.disagreeing() != null) {
            expected.put(verdict.disagreeing().describe(), verdict.expected());
        }
        return expected;
    }

    private static String interleaving(History history) {
        TreeMap<Long, String> events = new TreeMap<>();
        for (History.Call call : history.calls()) {
            events.put(call.invoked(), "  " + call.laneName() + " invokes " + (call.op() == null ? "listener run"
                    : call.op().text()));
            events.put(call.returned(), "  " + call.laneName() + " returns " + call.token());
        }
        StringBuilder text = new StringBuilder();
        events.forEach((stamp, event) -> text.append(String.format("%4d", stamp)).append(event).append('\n'));
        return text.toString();
    }
}
