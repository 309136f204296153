package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.soak.Soak;
import io.segcheck.sim.soak.SoakSettings;
import io.segcheck.sim.soak.SoakReport;

import java.util.List;
import java.util.Optional;

/**
 * The soak ({@code segcheck soak}): real threads on the real allocator, pages and a cache with
 * Caffeine's asynchronous listeners, checked by the invariants that need no global order. Workers
 * stop at the first violation, so the time is the time to it (a leak shows only at the end).
 */
final class SoakDetector implements Detector {

    static final int QUICK_SECONDS = 1;
    static final int FULL_SECONDS = 10;
    static final int THREADS = 2;

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String technique() {
        return "real threads, allocator and page workloads at once, asynchronous listeners, end-of-run leak "
                + "and growth checks (" + THREADS + " threads; quick " + QUICK_SECONDS + " s, full " + FULL_SECONDS
                + " s)";
    }

    @Override
    public Optional<String> notApplicable(Defect defect) {
        return Optional.empty();
    }

    @Override
    public Cell detect(Defect defect, Depth depth) throws Exception {
        int seconds = depth == Depth.QUICK ? QUICK_SECONDS : FULL_SECONDS;
        SoakReport report = Soak.run(new SoakSettings(seconds, THREADS, 0, 1, SoakSettings.WORKLOADS.getFirst(),
                Defects.of(defect), true), line -> { });
        double elapsed = report.elapsedNanos() / 1e9;
        if (report.clean()) {
            return new Cell(defect.name(), name(), Verdict.MISSED, elapsed, report.operations(), "ops", -1, "", "");
        }
        String first = report.violations().getFirst();
        return new Cell(defect.name(), name(), Verdict.CAUGHT, elapsed, report.operations(), "ops", -1,
                kind(first), first.length() > 160 ? first.substring(0, 160) + "..." : first);
    }

    /** The violation's leading upper-case word(s), e.g. LEAK or DOUBLE_RELEASE; the sentence's start otherwise. */
    static String kind(String violation) {
        for (String word : violation.split("[\\s:,=()]+")) {
            if (word.length() > 2 && word.equals(word.toUpperCase(java.util.Locale.ROOT)) && word.matches("[A-Z_]+")) {
                return word;
            }
        }
        return violation.length() > 40 ? violation.substring(0, 40) : violation;
    }
}
