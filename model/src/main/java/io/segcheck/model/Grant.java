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
 * @param regionBasesPerClass the base address of every region mapped per class after the refusal
 *     (EXHAUSTED only; null when the allocator does not tell, or null for a class), so the model
 *     sees which region is fully free instead of inferring it from counts
 * @param regionsThatWouldNotUnmap regions the allocator tried to unmap during the refused call and
 *     that stayed mapped (their arena would not close): that many fully free regions may legally remain
 */
public record Grant(Kind outcome, long address, int classBytes, long freeSlicesOfClass, long mappedBytes,
                    long[] mappedRegionsPerClass, long[][] regionBasesPerClass, int regionsThatWouldNotUnmap) {

    /** What the allocator did with one predicted request. */
    public enum Kind {
        /** It handed out a segment. */
        GRANTED,
        /** It threw AllocatorExhaustedException. */
        EXHAUSTED,
        /** The real system made no allocation where the model predicted one. */
        NOT_ASKED,
        /** A fault site made this call report exhaustion: legal whatever the room left. */
        INJECTED_EXHAUSTED,
        /** A fault site made this call fail (a failed mmap): the call fails with FAULT. */
        INJECTED_FAILURE
    }

    public static Grant granted(long address, int classBytes) {
        return new Grant(Kind.GRANTED, address, classBytes, 0, 0, null, null, 0);
    }

    public static Grant exhausted(long freeSlicesOfClass, long mappedBytes) {
        return new Grant(Kind.EXHAUSTED, 0, 0, freeSlicesOfClass, mappedBytes, null, null, 0);
    }

    public static Grant exhausted(long freeSlicesOfClass, long mappedBytes, long[] mappedRegionsPerClass) {
        return new Grant(Kind.EXHAUSTED, 0, 0, freeSlicesOfClass, mappedBytes, mappedRegionsPerClass.clone(), null, 0);
    }

    /** An exhaustion seen in full: regions per class, where they are (null when unknown), and how many would not unmap. */
    public static Grant exhausted(long freeSlicesOfClass, long mappedBytes, long[] mappedRegionsPerClass,
                                  long[][] regionBasesPerClass, int regionsThatWouldNotUnmap) {
        return new Grant(Kind.EXHAUSTED, 0, 0, freeSlicesOfClass, mappedBytes, mappedRegionsPerClass.clone(),
                regionBasesPerClass == null ? null : regionBasesPerClass.clone(), regionsThatWouldNotUnmap);
    }

    public static Grant injected(Kind kind) {
        if (kind != Kind.INJECTED_EXHAUSTED && kind != Kind.INJECTED_FAILURE) {
            throw new IllegalArgumentException("kind=" + kind + " is not an injected kind");
        }
        return new Grant(kind, 0, 0, 0, 0, null, null, 0);
    }

    public static Grant notAsked() {
        return new Grant(Kind.NOT_ASKED, 0, 0, 0, 0, null, null, 0);
    }
}
