package io.segcheck.model;

import java.util.ArrayList;
import java.util.List;

import static io.segcheck.model.Operation.ALLOCATE;
import static io.segcheck.model.Operation.CACHE_PUT;
import static io.segcheck.model.Operation.CACHE_REMOVE;
import static io.segcheck.model.Operation.CACHE_UNMAP;
import static io.segcheck.model.Operation.CLEAR;
import static io.segcheck.model.Operation.GUARD;
import static io.segcheck.model.Operation.LEAVE_QUARANTINE;
import static io.segcheck.model.Operation.READ;
import static io.segcheck.model.Operation.RELEASE;
import static io.segcheck.model.Operation.RESET_FOR_REUSE;
import static io.segcheck.model.Operation.RETIRE;
import static io.segcheck.model.Operation.RETURN_SEGMENTS;
import static io.segcheck.model.Operation.UNGUARD;
import static io.segcheck.model.Operation.WRITE;
import static io.segcheck.model.PageState.CACHED;
import static io.segcheck.model.PageState.GUARDED;
import static io.segcheck.model.PageState.LIVE;
import static io.segcheck.model.PageState.ORPHANED;
import static io.segcheck.model.PageState.RETURNED;
import static io.segcheck.model.SegmentState.FREE;
import static io.segcheck.model.SegmentState.LEASED;
import static io.segcheck.model.SegmentState.QUARANTINED;

/**
 * THE transition table: every legal edge (from-state, operation, to-state) of segments and pages,
 * in one list. This is the one place that says what may happen to an owned thing.
 *
 * <p>Every operation of the model asks {@link #allows} before it acts (an operation with no edge
 * out of the current state is predicted to fail, e.g. a write to a RETURNED page is an
 * IllegalStateException), and checks with {@link #requireEdge} after it acted that the state it
 * computed is a listed target. Both checks stay on: the second one catches a model that drifted
 * from its own table.
 *
 * <p>An operation may list several targets from one state because the page state is a projection
 * of several facts: closing a guard of a GUARDED page leaves it GUARDED (more guards open), CACHED
 * or LIVE.
 */
public final class TransitionTable {

    /** One legal edge. */
    public record Edge(Lifecycle from, Operation operation, Lifecycle to) {
    }

    private static final List<Edge> EDGES = List.of(
            // Segments: the allocator's slices.
            new Edge(FREE, ALLOCATE, LEASED),
            new Edge(LEASED, RELEASE, FREE),
            new Edge(LEASED, RELEASE, QUARANTINED),
            new Edge(QUARANTINED, LEAVE_QUARANTINE, FREE),

            // LIVE: owns its segments, unguarded, uncached.
            new Edge(LIVE, READ, LIVE),
            new Edge(LIVE, WRITE, LIVE),
            new Edge(LIVE, CLEAR, LIVE),
            new Edge(LIVE, GUARD, GUARDED),
            new Edge(LIVE, CACHE_PUT, CACHED),
            new Edge(LIVE, RETIRE, RETURNED),
            new Edge(LIVE, RETURN_SEGMENTS, RETURNED),

            // CACHED: some cache maps it. A removal that is not a same-instance replacement retires it.
            new Edge(CACHED, READ, CACHED),
            new Edge(CACHED, WRITE, CACHED),
            new Edge(CACHED, CLEAR, CACHED),
            new Edge(CACHED, GUARD, GUARDED),
            new Edge(CACHED, CACHE_PUT, CACHED),
            new Edge(CACHED, CACHE_REMOVE, RETURNED),
            new Edge(CACHED, RETIRE, RETURNED),
            new Edge(CACHED, RETURN_SEGMENTS, RETURNED),

            // GUARDED: retiring or removing it orphans it; the low-level return ignores guards.
            new Edge(GUARDED, READ, GUARDED),
            new Edge(GUARDED, WRITE, GUARDED),
            new Edge(GUARDED, CLEAR, GUARDED),
            new Edge(GUARDED, GUARD, GUARDED),
            new Edge(GUARDED, UNGUARD, GUARDED),
            new Edge(GUARDED, UNGUARD, CACHED),
            new Edge(GUARDED, UNGUARD, LIVE),
            new Edge(GUARDED, CACHE_PUT, GUARDED),
            new Edge(GUARDED, CACHE_REMOVE, ORPHANED),
            new Edge(GUARDED, RETIRE, ORPHANED),
            new Edge(GUARDED, RETURN_SEGMENTS, RETURNED),

            // ORPHANED: usable through its open guards, never guarded or cached again; the last close returns it.
            new Edge(ORPHANED, READ, ORPHANED),
            new Edge(ORPHANED, WRITE, ORPHANED),
            new Edge(ORPHANED, CLEAR, ORPHANED),
            new Edge(ORPHANED, UNGUARD, ORPHANED),
            new Edge(ORPHANED, UNGUARD, RETURNED),
            new Edge(ORPHANED, CACHE_REMOVE, ORPHANED),
            new Edge(ORPHANED, RETIRE, ORPHANED),
            new Edge(ORPHANED, RETURN_SEGMENTS, RETURNED),

            // RETURNED: no slot access, no new guard, no new cache entry; returns are idempotent; reuse makes it live.
            new Edge(RETURNED, CLEAR, RETURNED),
            new Edge(RETURNED, UNGUARD, RETURNED),
            new Edge(RETURNED, CACHE_REMOVE, RETURNED),
            new Edge(RETURNED, RETIRE, RETURNED),
            new Edge(RETURNED, RETURN_SEGMENTS, RETURNED),
            new Edge(RETURNED, RESET_FOR_REUSE, LIVE),
            new Edge(RETURNED, RESET_FOR_REUSE, CACHED),

            // Listeners queued on an executor: the entry leaves the cache now, the page keeps its
            // state until the listener runs (RETIRE then, unless the key maps it again or it lives
            // a later life).
            new Edge(CACHED, CACHE_UNMAP, LIVE),
            new Edge(CACHED, CACHE_UNMAP, CACHED),
            new Edge(GUARDED, CACHE_UNMAP, GUARDED),
            new Edge(ORPHANED, CACHE_UNMAP, ORPHANED),
            new Edge(RETURNED, CACHE_UNMAP, RETURNED));

    private TransitionTable() {
    }

    /** Every edge, in table order. */
    public static List<Edge> edges() {
        return EDGES;
    }

    /** Whether {@code operation} has any edge out of {@code from}; if not, it is predicted to fail. */
    public static boolean allows(Lifecycle from, Operation operation) {
        for (Edge edge : EDGES) {
            if (edge.from() == from && edge.operation() == operation) {
                return true;
            }
        }
        return false;
    }

    /** Every target of {@code operation} from {@code from}, in table order (empty when not allowed). */
    public static List<Lifecycle> targets(Lifecycle from, Operation operation) {
        List<Lifecycle> targets = new ArrayList<>();
        for (Edge edge : EDGES) {
            if (edge.from() == from && edge.operation() == operation) {
                targets.add(edge.to());
            }
        }
        return targets;
    }

    /**
     * Checks that the model moved along a listed edge.
     *
     * @throws IllegalStateException when (from, operation, to) is not in the table: a model bug
     */
    public static void requireEdge(Lifecycle from, Operation operation, Lifecycle to) {
        if (!targets(from, operation).contains(to)) {
            throw new IllegalStateException("model left its transition table: from=" + from
                    + " operation=" + operation + " to=" + to);
        }
    }
}
