package io.segcheck.sim.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run is told to a person: the seed and every drawn setting first, then either "clean" or the
 * violation sentence, the numbered shrunk steps and one line that replays them.
 */
public final class FailureReport {

    /** The folder failing runs are written to unless told otherwise. */
    public static final Path DEFAULT_FAILURE_DIR = Path.of("target", "segcheck-failures");

    private FailureReport() {
    }

    /** {@code SEED=42 steps=200 defects=none ...}: the first line of every run. */
    public static String seedLine(RunConfig config) {
        return seedLine(config, java.util.Set.of());
    }

    /** As {@link #seedLine(RunConfig)}, without the settings {@code unused} (ones the allocator does not have). */
    public static String seedLine(RunConfig config, java.util.Set<String> unused) {
        StringBuilder line = new StringBuilder("SEED=").append(config.seed());
        config.settings().forEach((key, value) -> {
            if (!key.equals("seed") && !unused.contains(key)) {
                line.append(' ').append(key).append('=').append(value);
            }
        });
        return line.toString();
    }

    /** Prints the seed line and, when the run generated its steps, the drawn swarm weights. */
    public static void printSettings(PrintStream out, RunConfig config, java.util.Optional<SwarmWeights> weights) {
        printSettings(out, config, weights, "");
    }

    /** As {@link #printSettings(PrintStream, RunConfig, java.util.Optional)}, the seed line ending in {@code binding}. */
    public static void printSettings(PrintStream out, RunConfig config, java.util.Optional<SwarmWeights> weights,
            String binding) {
        printSettings(out, config, weights, binding, java.util.Set.of());
    }

    /** As above, the SEED line without the settings {@code unused} ({@link SubjectFactory#unusedSettings()}). */
    public static void printSettings(PrintStream out, RunConfig config, java.util.Optional<SwarmWeights> weights,
            String binding, java.util.Set<String> unused) {
        out.println(seedLine(config, unused) + (binding.isEmpty() ? "" : " " + binding));
        weights.ifPresent(drawn -> out.println("swarm=" + drawn.describe()));
        weights.filter(drawn -> !drawn.forcedOff().isEmpty()).ifPresent(drawn -> out.println("without="
                + String.join(",", drawn.forcedOff()) + " (switched off by --without; pass it again to reproduce)"));
    }

    /** The shell line that replays {@code replayFile}. */
    public static String replayLine(Path replayFile) {
        return "./segcheck replay " + replayFile;
    }

    /** The file a failing run of {@code seed} is written to under {@code folder}. */
    public static Path replayPath(Path folder, long seed) {
        return folder.resolve("seed-" + seed + ".replay");
    }

    /** Writes {@code report}'s final (shrunk) run as a replay file under {@code folder}. */
    public static Path writeReplay(RunReport report, Path folder) throws IOException {
        return writeReplay(report, folder, Map.of());
    }

    /**
     * Writes {@code report}'s final (shrunk) run as a replay file under {@code folder}, with
     * {@code bindingNotes} (which allocator and coverage built the world) first among the notes.
     */
    public static Path writeReplay(RunReport report, Path folder, Map<String, String> bindingNotes)
            throws IOException {
        return writeReplay(report, folder, bindingNotes, null);
    }

    /** As above, with a legend of the steps' arguments from {@code catalog} (when not null) as comment lines. */
    public static Path writeReplay(RunReport report, Path folder, Map<String, String> bindingNotes,
            ActionCatalog catalog) throws IOException {
        RunOutcome outcome = report.finalOutcome();
        Map<String, String> notes = new LinkedHashMap<>(bindingNotes);
        outcome.signature().ifPresent(signature -> notes.put(ReplayFile.EXPECT, signature));
        notes.put("violation", outcome.sentence());
        notes.put("generatedSteps", Integer.toString(report.generated()));
        report.shrink().ifPresent(shrink -> notes.put("shrunkFrom", shrink.originalLength() + " steps in "
                + shrink.attempts() + " attempts"));
        report.weights().ifPresent(weights -> notes.put("swarm", weights.describe()));
        report.weights().filter(weights -> !weights.forcedOff().isEmpty())
                .ifPresent(weights -> notes.put("without", String.join(",", weights.forcedOff())));
        notes.put("traceHash", TraceHash.hex(outcome.traceHash()));
        List<Step> steps = outcome.steps();
        ReplayFile file = new ReplayFile(report.config().withSteps(steps.size()), steps, notes);
        return file.write(replayPath(folder, report.config().seed()), legend(steps, catalog));
    }

    /** One comment line per step with words for its arguments: {@code step 1: releaseForeign 1 0 = kind=1 (...) ...}. */
    public static List<String> legend(List<Step> steps, ActionCatalog catalog) {
        List<String> legend = new java.util.ArrayList<>();
        for (int i = 0; catalog != null && i < steps.size(); i++) {
            String words = catalog.words(steps.get(i));
            if (!words.isEmpty()) {
                legend.add("step " + i + ": " + steps.get(i).toLine() + " = " + words);
            }
        }
        return legend;
    }

    /**
     * Prints the result part of {@code report} (after the settings): "CLEAN ..." or the failure with
     * its shrunk steps and, when {@code replayFile} is given, the replay line.
     */
    public static void printResult(PrintStream out, RunReport report, java.util.Optional<Path> replayFile) {
        printResult(out, report, replayFile, "");
    }

    /** As {@link #printResult(PrintStream, RunReport, java.util.Optional)}, the replay line ending in {@code bindingArguments}. */
    public static void printResult(PrintStream out, RunReport report, java.util.Optional<Path> replayFile,
            String bindingArguments) {
        printResult(out, report, replayFile, bindingArguments, null);
    }

    /** As above, each shrunk step followed by words for its arguments from {@code catalog} (when not null). */
    public static void printResult(PrintStream out, RunReport report, java.util.Optional<Path> replayFile,
            String bindingArguments, ActionCatalog catalog) {
        RunOutcome first = report.outcome();
        if (first.clean()) {
            out.println("CLEAN " + first.steps().size() + " steps, quiesce ok, trace=" + TraceHash.hex(first.traceHash()));
            return;
        }
        out.println("FAILED after " + first.steps().size() + " of " + report.generated() + " steps: " + first.sentence());
        report.shrink().ifPresent(shrink -> out.println("shrunk " + shrink.originalLength() + " -> "
                + shrink.shrunkLength() + " steps in " + shrink.attempts() + " attempts"
                + (shrink.budgetExhausted() ? " (attempt budget exhausted; a shorter run may exist)" : "")));
        RunOutcome shown = report.finalOutcome();
        if (report.shrink().isPresent()) {
            out.println(shown.sentence()); // the shrunk run's own sentence: its step numbers match the list below
        }
        List<Step> steps = shown.steps();
        for (int i = 0; i < steps.size(); i++) {
            String words = catalog == null ? "" : catalog.words(steps.get(i));
            out.printf("  %3d  %s%s%n", i, steps.get(i).toLine(), words.isEmpty() ? "" : "    # " + words);
        }
        if (steps.isEmpty()) {
            out.println("  (no steps: the world fails on its own, before or at quiesce)");
        }
        if (!report.shrunkRunReproduces()) {
            out.println("WARNING: the shrunk run did not fail the same way when run again (" + shown.signature()
                    .orElse("clean") + "): the run depends on something other than its seed");
        }
        shown.internalFailure().ifPresent(internal -> internal.cause().printStackTrace(out));
        replayFile.ifPresent(path -> out.println("replay: " + replayLine(path) + bindingArguments));
    }
}
