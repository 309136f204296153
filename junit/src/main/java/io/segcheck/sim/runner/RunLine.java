package io.segcheck.sim.runner;

import java.util.List;
import java.util.Optional;

/**
 * A seed's first execution as the one line a child JVM answers ({@link ChildSeeds}), for the
 * sweep and the simulator alike: {@code clean STEPS HASH MARKS} for a clean run, {@code failed
 * SIGNATURE} for one the caller runs again itself.
 */
public final class RunLine {

    /** A clean run read back: its step count and a summary outcome (no steps or trace, its trace hash). */
    public record Clean(int steps, RunOutcome summary) {
    }

    private RunLine() {
    }

    /** The line for a run of {@code steps} steps that ended in {@code outcome} and reached {@code marks}. */
    public static String of(RunOutcome outcome, int steps, MarkTally marks) {
        return outcome.clean()
                ? "clean " + steps + " " + Long.toHexString(outcome.traceHash()) + " " + marks.encoded()
                : "failed " + outcome.signature().orElse("?");
    }

    /** A clean run's line read back, its marks added to {@code marks}; empty for a failed run's. */
    public static Optional<Clean> clean(String line, MarkTally marks) {
        String[] words = line.split(" ", 4);
        if (!words[0].equals("clean") || words.length != 4) {
            return Optional.empty();
        }
        marks.addEncoded(words[3]);
        return Optional.of(new Clean(Integer.parseInt(words[1]), new RunOutcome(List.of(), Optional.empty(),
                Optional.empty(), Long.parseUnsignedLong(words[2], 16), List.of(), List.of())));
    }

    /**
     * The outcome of a seed that failed in a child ({@code line}) and passed when run again in
     * {@code where}: an internal failure, so the caller's report says the seed is not reproducible.
     */
    public static RunOutcome notReproduced(long seed, String line, RunOutcome passedHere, String where) {
        return new RunOutcome(List.of(), Optional.empty(), Optional.of(new InternalFailure(-1, "child",
                new IllegalStateException("seed " + seed + " " + line + " in a child JVM and passed when run again in "
                        + where))), passedHere.traceHash(), List.of(), List.of());
    }
}
