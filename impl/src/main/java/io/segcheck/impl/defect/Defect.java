package io.segcheck.impl.defect;

import java.util.EnumSet;
import java.util.Set;

/**
 * The historic defects of the segment-owning system, each of which can be switched back on.
 *
 * <p>Every defect branch in {@code impl} is small and marked with a comment
 * {@code // DEFECT(NAME)} at the place the bug lived, so {@code grep -rn "DEFECT("} lists them all.
 * The production default ({@link Defects#none()}) enables none.
 *
 * <p>Most defects show in one thread, in some order of whole calls, so the sequence runner finds
 * them. Those {@link #needsInterleaving()} do not: every order of whole calls is clean, and only a
 * thread switch inside a call (between a check and its act, between a read of a stack head and its
 * compare-and-set) shows them. Controlled scheduling of real threads (the Fray tests) finds those.
 */
public enum Defect {
    PREALLOCATED_POOL_LEAK(
            "pool init pre-allocates 7 classes x 100 pages x 2 segments that are never used or returned"),
    RESIZE_SHARED_DANGLING(
            "resize of a shared slot/DeweyID segment updates only one field; the other dangles and is released twice"),
    EVICTION_SKIPS_RETURN(
            "the cache removal listener clears the page but never returns its segments"),
    RETURN_NOT_IDEMPOTENT(
            "returnSegmentsToAllocator has no returned-flag and no lock, so repeated or racing calls release twice"),
    CLEAR_ZEROES_RETURNED(
            "clear() zero-fills the page's segments even after they were returned and possibly leased again"),
    EXHAUSTION_SKIPS_UNMAP(
            "the allocator reports exhaustion without first unmapping the fully free regions of other classes"),
    RETIRE_RELEASES_OUTSIDE_LOCK(true,
            "retire checks for guards under the page lock but releases after unlocking it, so a guard opened "
                    + "in between holds a returned page"),
    FREE_STACK_WITHOUT_ABA_TAG(true,
            "the free stack's head CAS compares the top slice id only, so a pop that read a head which was "
                    + "popped and pushed back meanwhile links a leased slice back onto the stack (ABA)"),
    UNMAP_COUNTS_BEFORE_DRAIN(true,
            "unmapping under budget pressure counts a region's free slices on a look at the stack taken "
                    + "before it takes the stack, so a slice leased in between is unmapped under its owner");

    private final boolean needsInterleaving;
    private final String description;

    Defect(String description) {
        this(false, description);
    }

    Defect(boolean needsInterleaving, String description) {
        this.needsInterleaving = needsInterleaving;
        this.description = description;
    }

    /** True when no order of whole calls shows the defect: only a thread switch inside a call does. */
    public boolean needsInterleaving() {
        return needsInterleaving;
    }

    /** The defects that some order of whole calls on one thread shows. */
    public static Set<Defect> visibleInOneThread() {
        Set<Defect> visible = EnumSet.noneOf(Defect.class);
        for (Defect defect : values()) {
            if (!defect.needsInterleaving) {
                visible.add(defect);
            }
        }
        return visible;
    }

    /** One line: what the system does wrong when this defect is on. */
    public String description() {
        return description;
    }
}
