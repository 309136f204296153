package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

/** What a scenario's first schedules did, one word each ({@link ScenarioExplorer#signatureOf}). */
final class Signatures {

    private Signatures() {
    }

    /** {@code seed}'s scenario under its schedules 0..{@code schedules - 1}: history hash / steps each. */
    static String of(long seed, int schedules, Defects defects) {
        ScenarioExplorer explorer = new ScenarioExplorer(ScenarioGenerator.generate(seed), defects);
        StringBuilder line = new StringBuilder("seed=" + seed);
        for (int index = 0; index < schedules; index++) {
            line.append(' ').append(explorer.signatureOf(explorer.schedule(index)));
        }
        return line.toString();
    }
}
