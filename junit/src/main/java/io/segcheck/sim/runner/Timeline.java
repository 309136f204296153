package io.segcheck.sim.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML ownership timeline of a run: one column per step (and one for quiesce), one row per
 * segment, each cell the segment's owner and state after that step, the failing step marked.
 *
 * <p>A shrunk run is short, so the whole story fits on one screen: which page leased the segment,
 * when it changed hands, and the step where two owners or none appear. When the binding gives no
 * ownership snapshots the timeline shows the steps and trace lines alone.
 */
public final class Timeline {

    private Timeline() {
    }

    /** The timeline file next to {@code replayFile}: {@code seed-N.html} beside {@code seed-N.replay}. */
    public static Path pathFor(Path replayFile) {
        String name = replayFile.getFileName().toString().replaceFirst("\\.replay$", "") + ".html";
        return replayFile.resolveSibling(name);
    }

    /** Writes the timeline of {@code report}'s final run to {@code path}; returns {@code path}. */
    public static Path write(RunReport report, Path path) throws IOException {
        Files.writeString(path, html(report), StandardCharsets.UTF_8);
        return path;
    }

    /** The timeline as one HTML document. */
    public static String html(RunReport report) {
        RunOutcome outcome = report.finalOutcome();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>segcheck seed ")
                .append(report.config().seed()).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(escape(FailureReport.seedLine(report.config()))).append("</h1>\n");
        html.append("<p class=\"verdict\">").append(escape(outcome.sentence())).append("</p>\n<table>\n");
        appendHeader(html, outcome);
        appendTraceRow(html, outcome);
        for (String segment : segments(outcome)) {
            appendSegmentRow(html, outcome, segment);
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    private static final String STYLE = "body{font-family:monospace;font-size:12px}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px;vertical-align:top}"
            + "th{background:#eee}.fail{outline:3px solid #c00}.verdict{color:#c00;font-weight:bold}"
            + ".leased{background:#cfe8cf}.free{background:#f4f4f4}.quarantined{background:#fde9b6}"
            + ".orphaned{background:#f9c6c6}.returned{background:#dde3f7}.trace{color:#555}";

    private static void appendHeader(StringBuilder html, RunOutcome outcome) {
        html.append("<tr><th>segment \\ step</th>");
        for (int column = 0; column < columns(outcome); column++) {
            html.append("<th").append(failClass(outcome, column)).append('>').append(column).append("<br>")
                    .append(escape(column < outcome.steps().size() ? outcome.steps().get(column).toLine() : "quiesce"))
                    .append("</th>");
        }
        html.append("</tr>\n");
    }

    private static void appendTraceRow(StringBuilder html, RunOutcome outcome) {
        html.append("<tr><th>trace</th>");
        for (int column = 0; column < columns(outcome); column++) {
            String line = column < outcome.trace().size() ? outcome.trace().get(column) : "";
            html.append("<td class=\"trace\">").append(escape(line)).append("</td>");
        }
        html.append("</tr>\n");
    }

    private static void appendSegmentRow(StringBuilder html, RunOutcome outcome, String segment) {
        html.append("<tr><th>").append(escape(segment)).append("</th>");
        for (int column = 0; column < columns(outcome); column++) {
            String cell = column < outcome.ownership().size() ? outcome.ownership().get(column).getOrDefault(segment, "") : "";
            html.append("<td class=\"").append(stateClass(cell)).append("\">").append(escape(cell)).append("</td>");
        }
        html.append("</tr>\n");
    }

    /** Steps plus quiesce when the run reached it. */
    private static int columns(RunOutcome outcome) {
        return Math.max(outcome.steps().size(), outcome.trace().size());
    }

    private static Set<String> segments(RunOutcome outcome) {
        Set<String> segments = new LinkedHashSet<>();
        for (Map<String, String> snapshot : outcome.ownership()) {
            segments.addAll(snapshot.keySet());
        }
        return segments;
    }

    private static String failClass(RunOutcome outcome, int column) {
        int failing = outcome.violation().map(violation -> violation.stepIndex())
                .orElse(outcome.internalFailure().map(InternalFailure::stepIndex).orElse(-2));
        return failing == column ? " class=\"fail\"" : "";
    }

    private static String stateClass(String cell) {
        List<String> states = new ArrayList<>(List.of("quarantined", "orphaned", "returned", "leased", "free"));
        String lower = cell.toLowerCase(Locale.ROOT);
        return states.stream().filter(lower::contains).findFirst().orElse("");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
