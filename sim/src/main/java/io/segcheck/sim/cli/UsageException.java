package io.segcheck.sim.cli;

/** A command line the CLI cannot run; the message says which argument and why. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
