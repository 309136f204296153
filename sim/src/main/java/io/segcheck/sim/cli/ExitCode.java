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
    INTERNAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
