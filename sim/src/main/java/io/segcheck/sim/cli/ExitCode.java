package io.segcheck.sim.cli;

/** Typed process exit codes, the same for every command. */
public enum ExitCode {
    /** Ran and found nothing wrong. */
    CLEAN(0),
    /** Ran and found a violation (the output names it and how to replay it). */
    VIOLATION(1),
    /** The command line was wrong; nothing ran. */
    USAGE(2),
    /** segcheck itself failed; the output has the stack trace. */
    INTERNAL(3),
    /**
     * Ran, but could not decide: some detector had no results (e.g. the matrix without the records
     * a module's build writes). The output names what did not run and the command that runs it.
     */
    INCOMPLETE(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
