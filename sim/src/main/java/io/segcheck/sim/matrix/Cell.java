package io.segcheck.sim.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One defect against one detector.
 *
 * @param defect the defect's name
 * @param detector the detector's name
 * @param verdict caught, missed, not applicable or not run
 * @param seconds time to the first failure when caught (the whole budget when missed); negative when unknown
 * @param trials seeds, iterations, samples or operations to the first failure (or spent when missed); negative when unknown
 * @param trialUnit what {@code trials} counts
 * @param shrunkSteps length of the shrunk failing run; negative when the technique does not shrink
 * @param violation the kind of failure seen (e.g. DOUBLE_RELEASE); empty when none
 * @param note why not applicable or not run, or a detail (test name, forbidden samples)
 */
public record Cell(String defect, String detector, Verdict verdict, double seconds, long trials, String trialUnit,
        int shrunkSteps, String violation, String note) {

    public Cell {
        Objects.requireNonNull(defect, "defect");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(verdict, "verdict");
        trialUnit = clean(trialUnit);
        violation = clean(violation);
        note = clean(note);
    }

    public static Cell notApplicable(String defect, String detector, String why) {
        return new Cell(defect, detector, Verdict.NOT_APPLICABLE, -1, -1, "", -1, "", why);
    }

    public static Cell notRun(String defect, String detector, String why) {
        return new Cell(defect, detector, Verdict.NOT_RUN, -1, -1, "", -1, "", why);
    }

    public boolean caught() {
        return verdict == Verdict.CAUGHT;
    }

    /** The cell as one short human line: {@code caught 0.42 s, 3 seeds, shrunk 2, USE_AFTER_RELEASE}. */
    public String summary() {
        return switch (verdict) {
            case CAUGHT -> "caught" + measures() + (violation.isEmpty() ? "" : ", " + violation);
            case MISSED -> "MISSED" + measures();
            case NOT_APPLICABLE -> "n/a: " + note;
            case NOT_RUN -> "not run: " + note;
        };
    }

    private String measures() {
        StringBuilder text = new StringBuilder();
        if (seconds >= 0) {
            text.append(' ').append(String.format(Locale.ROOT, "%.2f s", seconds));
        }
        if (trials >= 0) {
            String unit = trials == 1 && trialUnit.endsWith("s") ? trialUnit.substring(0, trialUnit.length() - 1)
                    : trialUnit;
            text.append(text.isEmpty() ? " " : ", ").append(trials).append(' ').append(unit);
        }
        if (shrunkSteps >= 0) {
            text.append(", shrunk to ").append(shrunkSteps).append(shrunkSteps == 1 ? " step" : " steps");
        }
        return text.toString();
    }

    /** The cell as one tab-separated summary line (see {@link Summary}). */
    String line() {
        return String.join("\t", List.of("cell", defect, detector, verdict.name(),
                String.format(Locale.ROOT, "%.3f", seconds), Long.toString(trials), trialUnit,
                Integer.toString(shrunkSteps), violation, note));
    }

    /** Parses {@link #line()}; {@code fields[0]} is {@code cell}. */
    static Cell parse(String[] fields) {
        if (fields.length != 10) {
            throw new IllegalArgumentException("a cell line has 10 tab-separated fields, got " + fields.length
                    + ": " + String.join("|", fields));
        }
        return new Cell(fields[1], fields[2], Verdict.valueOf(fields[3]), Double.parseDouble(fields[4]),
                Long.parseLong(fields[5]), fields[6], Integer.parseInt(fields[7]), fields[8], fields[9]);
    }

    /** Summary lines are tab-separated and one per record: tabs and line breaks become spaces. */
    static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip();
    }
}
