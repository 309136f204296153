package io.segcheck.sim.world;

/**
 * An {@link Error} (an {@code OutOfMemoryError}, a {@code StackOverflowError}, a linkage error...)
 * that the system under check (an allocator, a page) threw out of one of its calls. It is a finding
 * about that system, reported as UNEXPECTED_ERROR, not a failure of segcheck: it is wrapped where a
 * call crosses into the system (the observing allocator, {@link Observed}), where it is known to come
 * from the system and not from the checker. An {@link AssertionError} is not wrapped: the design
 * declares what an assert means.
 */
final class SystemUnderCheckError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SystemUnderCheckError(String call, Error cause) {
        super("the system under check threw " + cause + " from " + call, cause);
    }
}
