package io.segcheck.sim.world;

/**
 * An {@link Error} (an {@code OutOfMemoryError}, a {@code StackOverflowError}, a linkage error...)
 * that the allocator under check threw out of one of its calls. It is a finding about that
 * allocator, reported like any other exception the model did not predict, not a failure of segcheck:
 * the observing allocator wraps it at the allocator's boundary, where it is known to come from the
 * allocator and not from the checker.
 */
final class AllocatorError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AllocatorError(String call, Error cause) {
        super("the allocator threw " + cause + " from " + call, cause);
    }
}
