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
 * them. The {@link Reach} of the others says who can: those needing a queued listener show only when
 * a removal listener runs after later calls (the simulator); those needing an interleaving show only
 * on a thread switch inside a call (between a check and its act, between a read of a stack head and
 * its compare-and-set), which controlled scheduling of real threads (the Fray tests) finds.
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
    CACHE_WEIGHS_SLOTS_ONLY(
            "the cache's weigher counts only a page's record segment, not its separate DeweyID segment, so the"
                    + " cache holds more segment bytes than its bound"),
    GET_AND_GUARD_IGNORES_LIFE(
            "getAndGuard guards whatever life the cached page is in, so a key whose page was returned behind the"
                    + " cache's back and reset for another owner hands out a guard on that owner's data"),
    REMOVAL_RETURNS_REMAPPED_PAGE(Reach.QUEUED_LISTENER,
            "the cache's removal listener returns the removed page without checking that its key no longer maps it,"
                    + " so a page put again while the listener was queued is returned while cached"),
    REMOVAL_RETURNS_REUSED_PAGE(Reach.QUEUED_LISTENER,
            "the cache's removal listener decides from the page's life when its entry left the cache, then retires"
                    + " whatever life the page is in when it runs, so a page returned and reset for reuse while its"
                    + " removal was pending loses its new segments"),
    RETIRE_RELEASES_OUTSIDE_LOCK(Reach.INTERLEAVING,
            "retire checks for guards under the page lock but releases after unlocking it, so a guard opened "
                    + "in between holds a returned page"),
    FREE_STACK_WITHOUT_ABA_TAG(Reach.INTERLEAVING,
            "the free stack's head CAS compares the top slice id only, so a pop that read a head which was "
                    + "popped and pushed back meanwhile links a leased slice back onto the stack (ABA)"),
    UNMAP_COUNTS_BEFORE_DRAIN(Reach.INTERLEAVING,
            "unmapping under budget pressure counts a region's free slices on a look at the stack taken "
                    + "before it takes the stack, so a slice leased in between is unmapped under its owner"),
    REMOVAL_CHECK_THEN_RETURN_RACES_PUT(Reach.INTERLEAVING,
            "the cache's removal listener looks whether its key maps the page again, then returns the page in a"
                    + " separate step, so a put of the same page under that key in between leaves the cache mapping"
                    + " a returned page (its data lost)"),
    HIGH_WATER_COUNTS_DRAINED(Reach.INTERLEAVING,
            "while unmapping under budget pressure has drained a class's free stacks, a look at the counters"
                    + " (stats, or a lease's high-water check) counts the drained free slices as leased and raises"
                    + " the high-water mark above the true peak for good");

    /** What it takes for a defect to show: which checkers can see it at all. */
    public enum Reach {
        /** Some sequence of whole calls on one thread with inline listeners shows it (the sequence runner). */
        ONE_THREAD,
        /** Only a removal listener that runs late, after later calls, shows it (the simulator's queued listeners). */
        QUEUED_LISTENER,
        /** Only a thread switch inside a call shows it (controlled scheduling of real threads: Fray). */
        INTERLEAVING
    }

    private final Reach reach;
    private final boolean detectorExpected;
    private final String description;

    Defect(String description) {
        this(Reach.ONE_THREAD, description);
    }

    Defect(Reach reach, String description) {
        this(reach, true, description);
    }

    Defect(Reach reach, boolean detectorExpected, String description) {
        this.reach = reach;
        this.detectorExpected = detectorExpected;
        this.description = description;
    }

    public Reach reach() {
        return reach;
    }

    /**
     * False for a defect that no detector of segcheck is expected to catch yet: its race needs a
     * thread switch inside a call that none of the hand-written races contains, so only generated
     * concurrent scenarios can reach it. The matrix lists such a defect as "none yet" instead of
     * failing the build when it escapes, and still fails it if the defect's row is ever missing.
     */
    public boolean detectorExpected() {
        return detectorExpected;
    }

    /** What the matrix says of a defect no detector is expected to catch yet. */
    public static final String NO_DETECTOR_YET = "expected: none yet (needs generated concurrent scenarios)";

    /** True when no order of whole calls shows the defect: only a thread switch inside a call does. */
    public boolean needsInterleaving() {
        return reach == Reach.INTERLEAVING;
    }

    /** The defects that some order of whole calls on one thread, listeners inline, shows. */
    public static Set<Defect> visibleInOneThread() {
        return withReach(Reach.ONE_THREAD);
    }

    /** The defects that need a removal listener to run late: the simulator's, not the runner's. */
    public static Set<Defect> needingQueuedListeners() {
        return withReach(Reach.QUEUED_LISTENER);
    }

    private static Set<Defect> withReach(Reach reach) {
        Set<Defect> matching = EnumSet.noneOf(Defect.class);
        for (Defect defect : values()) {
            if (defect.reach == reach) {
                matching.add(defect);
            }
        }
        return matching;
    }

    /** One line: what the system does wrong when this defect is on. */
    public String description() {
        return description;
    }
}
