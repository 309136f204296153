package io.segcheck.model;

/**
 * Where the model learns the allocator's answer to each allocation it predicts, in call order.
 *
 * <p>The lockstep binding answers from what the real allocator did during the step. A sequential
 * specification (Lincheck) that has no real allocator to observe uses {@link #fresh()}.
 */
@FunctionalInterface
public interface GrantSource {

    /** The answer to the next predicted request, which the model expects to land in {@code classBytes}. */
    Grant next(int classBytes);

    /**
     * Whether the resize that was just granted its new segment failed part-way (a fault site
     * fired after the allocation): the new segment must go back and the page stay unchanged.
     */
    default boolean resizeFailed() {
        return false;
    }

    /**
     * Never exhausted; hands out new, never reused addresses ({@code 0x1000, 0x2000, ...} scaled
     * far apart), so no answer can alias. One source per model, since it counts.
     */
    static GrantSource fresh() {
        long[] nextAddress = {1L << 20};
        return classBytes -> {
            long address = nextAddress[0];
            nextAddress[0] += SizeClasses.MAX_BYTES;
            return Grant.granted(address, classBytes);
        };
    }
}
