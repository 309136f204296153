package io.segcheck.model;

/**
 * What the real allocator actually answered to one {@code allocate} the model predicted: which
 * address and class it handed out, or that it reported exhaustion (with the stats that make the
 * exhaustion legal or not), or that it was not asked at all.
 *
 * <p>The model never guesses these: addresses and budget exhaustion are the allocator's choice,
 * so the binding observes them and the model checks they are legal (an address still leased or
 * quarantined is ALIAS; an exhaustion with room left is BUDGET).
 *
 * @param outcome what happened
 * @param address the handed-out address (GRANTED only)
 * @param classBytes the size of the handed-out segment (GRANTED only)
 * @param freeSlicesOfClass free slices of the requested class after the refusal (EXHAUSTED only)
 * @param mappedBytes mapped bytes after the refusal (EXHAUSTED only)
 * @param mappedRegionsPerClass regions mapped per class after the refusal (EXHAUSTED only; null when
 *     not observed), to judge whether a fully free region of another class could have been unmapped
 */
public record Grant(Kind outcome, long address, int classBytes, long freeSlicesOfClass, long mappedBytes,
                    long[] mappedRegionsPerClass) {

    /** What the allocator did with one predicted request. */
    public enum Kind {
        /** It handed out a segment. */
        GRANTED,
        /** It threw AllocatorExhaustedException. */
        EXHAUSTED,
        /** The real system made no allocation where the model predicted one. */
        NOT_ASKED
    }

    public static Grant granted(long address, int classBytes) {
        return new Grant(Kind.GRANTED, address, classBytes, 0, 0, null);
    }

    public static Grant exhausted(long freeSlicesOfClass, long mappedBytes) {
        return new Grant(Kind.EXHAUSTED, 0, 0, freeSlicesOfClass, mappedBytes, null);
    }

    public static Grant exhausted(long freeSlicesOfClass, long mappedBytes, long[] mappedRegionsPerClass) {
        return new Grant(Kind.EXHAUSTED, 0, 0, freeSlicesOfClass, mappedBytes, mappedRegionsPerClass.clone());
    }

    public static Grant notAsked() {
        return new Grant(Kind.NOT_ASKED, 0, 0, 0, 0, null);
    }
}
