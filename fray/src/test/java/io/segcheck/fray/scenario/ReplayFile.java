package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A finding as a file that runs it again: the scenario (seed and text), the defects, the schedule
 * (scheduler, seed, PCT steps, memory accesses as switch points or not), the symptom and the run's history signature. A replay runs that
 * one schedule and is exact when it fails with the same symptom and the same signature (every
 * result and the order of every invocation and return).
 */
final class ReplayFile {

    private static final String FORMAT = "segcheck-races/1";

    private ReplayFile() {
    }

    static void write(Path file, Finding finding) {
        Properties properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("scenario.seed", Long.toString(finding.scenario().seed()));
        properties.setProperty("scenario", finding.scenario().text());
        properties.setProperty("defects", String.join(",", finding.defects().enabled().stream().map(Enum::name).toList()));
        properties.setProperty("schedule.strategy", finding.schedule().strategy().name());
        properties.setProperty("schedule.seed", Long.toString(finding.schedule().seed()));
        // The key keeps its first name (it held PCT's steps only), so files written before still replay.
        properties.setProperty("schedule.pctSteps", Integer.toString(finding.schedule().bound()));
        properties.setProperty("schedule.memoryOps", Boolean.toString(finding.schedule().memoryOps()));
        properties.setProperty("symptom", finding.symptom());
        properties.setProperty("signature", finding.history().signature());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "segcheck races replay: ./segcheck races --replay " + file);
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write replay file " + file, unwritable);
        }
    }

    /** What a replay did: the finding (empty when the run passed) and whether it was the recorded one exactly. */
    record Replayed(Optional<Finding> finding, boolean exact, String recordedSymptom) {
    }

    static Replayed replay(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read replay file " + file, unreadable);
        }
        if (!FORMAT.equals(properties.getProperty("format"))) {
            throw new IllegalArgumentException("not a races replay file (format=" + properties.getProperty("format")
                    + "): " + file);
        }
        Scenario scenario = Scenario.parse(Long.parseLong(properties.getProperty("scenario.seed")),
                properties.getProperty("scenario"));
        FraySchedule schedule = new FraySchedule(FraySchedule.Strategy.valueOf(properties.getProperty("schedule.strategy")),
                Long.parseLong(properties.getProperty("schedule.seed")),
                Integer.parseInt(properties.getProperty("schedule.pctSteps")),
                // Files written before schedules chose their switch points ran every memory access as one.
                Boolean.parseBoolean(properties.getProperty("schedule.memoryOps", "true")));
        ScenarioExplorer explorer = new ScenarioExplorer(scenario, Defects.parse(properties.getProperty("defects")));
        Optional<Finding> finding = explorer.replay(schedule);
        boolean exact = finding.isPresent() && finding.get().symptom().equals(properties.getProperty("symptom"))
                && finding.get().history().signature().equals(properties.getProperty("signature"));
        return new Replayed(finding, exact, properties.getProperty("symptom"));
    }
}
