package io.segcheck.sim.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link Summary} as a markdown report (for the README) and as a self-contained HTML page. */
public final class Render {

    private Render() {
    }

    public static String markdown(Summary summary) {
        StringBuilder md = new StringBuilder();
        List<String> detectors = new ArrayList<>(summary.detectors.keySet());
        md.append("| Defect | ").append(String.join(" | ", detectors)).append(" | caught by |\n");
        md.append("|---|").append("---|".repeat(detectors.size())).append("---|\n");
        for (String defect : summary.defects.keySet()) {
            md.append("| `").append(defect).append("` |");
            int caughtBy = 0;
            for (String detector : detectors) {
                Optional<Cell> cell = cell(summary, defect, detector);
                caughtBy += cell.filter(Cell::caught).isPresent() ? 1 : 0;
                md.append(' ').append(cell.map(Cell::summary).orElse("(other shard)").replace("|", "/")).append(" |");
            }
            md.append(' ').append(caughtBy).append(caughtBy == 0 && summary.awaitingDetector.containsKey(defect)
                    ? " (" + summary.awaitingDetector.get(defect) + ")" : "").append(" |\n");
        }
        List<String> escaped = Matrix.escaped(summary);
        List<String> undecided = Matrix.describeUndecided(summary);
        md.append('\n').append(!escaped.isEmpty() ? "ESCAPED every detector: " + String.join(", ", escaped) + "\n"
                : !undecided.isEmpty() ? "Undecided (a detector did not run):\n\n- " + String.join("\n- ", undecided) + "\n"
                : "Every defect with a complete row was caught by at least one detector"
                        + (Matrix.awaitingDetector(summary).isEmpty() ? "" : ", except those no detector is expected to catch yet")
                        + ".\n");
        md.append(awaitingLine(summary));
        md.append("\nDetectors:\n\n");
        summary.detectors.forEach((name, technique) -> md.append("- `").append(name).append("`: ").append(technique)
                .append('\n'));
        appendMarksAndFindings(summary, md);
        return md.toString();
    }

    private static void appendMarksAndFindings(Summary summary, StringBuilder md) {
        if (!summary.marks.isEmpty()) {
            md.append("\nRare-path marks reached:\n\n| Mark | count |\n|---|---|\n");
            summary.marks.forEach((name, count) -> md.append("| `").append(name).append("` | ").append(count)
                    .append(count == 0 ? " (NEVER REACHED)" : "").append(" |\n"));
        }
        if (!summary.findings.isEmpty()) {
            md.append("\nFindings:\n\n");
            summary.findings.forEach(finding -> md.append("- ").append(finding.command()).append(" seed=")
                    .append(finding.seed()).append(' ').append(finding.violation()).append(" replay: `")
                    .append(finding.replayFile()).append("`\n"));
        }
    }

    public static String html(Summary summary) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>segcheck detection matrix</title>\n")
                .append("<style>body{font-family:sans-serif}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #999;padding:4px 8px;vertical-align:top;font-size:13px}")
                .append(".CAUGHT{background:#c8f0c8}.MISSED{background:#f8c0c0}.NOT_APPLICABLE{background:#eee;color:#555}")
                .append(".NOT_RUN{background:#fff3c0}.escaped{color:#b00;font-weight:bold}</style></head><body>\n")
                .append("<h1>segcheck detection matrix</h1>\n<table>\n<tr><th>Defect</th>");
        List<String> detectors = new ArrayList<>(summary.detectors.keySet());
        for (String detector : detectors) {
            html.append("<th title=\"").append(escape(summary.detectors.get(detector))).append("\">")
                    .append(escape(detector)).append("</th>");
        }
        html.append("</tr>\n");
        for (String defect : summary.defects.keySet()) {
            html.append("<tr><th title=\"").append(escape(summary.defects.get(defect))).append("\">")
                    .append(escape(defect)).append("</th>");
            for (String detector : detectors) {
                Optional<Cell> cell = cell(summary, defect, detector);
                html.append("<td class=\"").append(cell.map(c -> c.verdict().name()).orElse("")).append("\">")
                        .append(escape(cell.map(Cell::summary).orElse("(other shard)")))
                        .append(cell.filter(c -> c.caught() && !c.note().isEmpty())
                                .map(c -> "<br><small>" + escape(c.note()) + "</small>").orElse(""))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        List<String> escaped = Matrix.escaped(summary);
        html.append(escaped.isEmpty() ? "<p>Every defect with a complete row was caught.</p>\n"
                : "<p class=\"escaped\">ESCAPED every detector: " + escape(String.join(", ", escaped)) + "</p>\n");
        String awaiting = awaitingLine(summary);
        html.append(awaiting.isEmpty() ? "" : "<p class=\"awaiting\">" + escape(awaiting.strip()) + "</p>\n");
        StringBuilder rest = new StringBuilder();
        appendMarksAndFindings(summary, rest);
        html.append("<pre>").append(escape(rest.toString())).append("</pre>\n</body></html>\n");
        return html.toString();
    }

    /** One line naming the defects that escaped every detector while none is expected yet; empty when none. */
    static String awaitingLine(Summary summary) {
        List<String> awaiting = Matrix.awaitingDetector(summary);
        if (awaiting.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("NO DETECTOR YET, not a failure:");
        for (String defect : awaiting) {
            line.append(' ').append(defect).append(" (").append(summary.awaitingDetector.get(defect)).append(')');
        }
        return line.append('\n').toString();
    }

    private static Optional<Cell> cell(Summary summary, String defect, String detector) {
        return summary.cells.stream().filter(c -> c.defect().equals(defect) && c.detector().equals(detector))
                .findFirst();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
