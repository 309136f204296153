package io.segcheck.sim.cli;

/** Typed process exit codes, the same for every command. */
public enum ExitCode {
    /** Ran and found nothing wrong. */
    CLEAN(0, "ran and found nothing wrong"),
    /** Ran and found a violation (the output names it and how to replay it). */
    VIOLATION(1, "ran and found a violation; the output names it and how to replay it"),
    /** The command line was wrong; nothing ran. */
    USAGE(2, "the command line or an input file was wrong; nothing ran"),
    /** segcheck itself failed; the output has the stack trace. */
    INTERNAL(3, "segcheck itself failed; the output has the stack trace"),
    /**
     * Ran, but could not decide: some detector had no results (e.g. the matrix without the records
     * a module's build writes). The output names what did not run and the command that runs it.
     */
    INCOMPLETE(4, "ran but could not decide: a detector had no results; the output names the command that runs it");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** One sentence: what the code means, for the usage text and the CLI reference. */
    public String description() {
        return description;
    }

    public int code() {
        return code;
    }
}
