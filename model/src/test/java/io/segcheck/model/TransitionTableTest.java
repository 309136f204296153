package io.segcheck.model;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Walks the transition table: every page edge is driven through the model from a page built in
 * the edge's source state, and every call the table forbids is predicted to fail.
 */
class TransitionTableTest {

    /**
     * How to reach each page edge: words applied to page 0 before the operation. {@code borrow}
     * borrows it, {@code put} maps it under cache 0 key 1, {@code guard} opens a guard,
     * {@code retire} is pool.returnPage, {@code return} is returnSegmentsToAllocator.
     */
    private static final Map<TransitionTable.Edge, String> SETUPS = new LinkedHashMap<>();

    static {
        for (PageState state : PageState.values()) {
            for (Operation operation : List.of(Operation.READ, Operation.WRITE, Operation.CLEAR, Operation.GUARD,
                    Operation.CACHE_PUT, Operation.RETIRE, Operation.RETURN_SEGMENTS)) {
                String setup = baseSetup(state);
                for (Lifecycle to : TransitionTable.targets(state, operation)) {
                    SETUPS.put(new TransitionTable.Edge(state, operation, to), setup);
                }
            }
        }
        setup(PageState.GUARDED, Operation.UNGUARD, PageState.GUARDED, "borrow guard guard");
        setup(PageState.GUARDED, Operation.UNGUARD, PageState.CACHED, "borrow put guard");
        setup(PageState.GUARDED, Operation.UNGUARD, PageState.LIVE, "borrow guard");
        setup(PageState.ORPHANED, Operation.UNGUARD, PageState.ORPHANED, "borrow guard guard retire");
        setup(PageState.ORPHANED, Operation.UNGUARD, PageState.RETURNED, "borrow guard retire");
        setup(PageState.RETURNED, Operation.UNGUARD, PageState.RETURNED, "borrow guard return");
        setup(PageState.CACHED, Operation.CACHE_REMOVE, PageState.RETURNED, "borrow put");
        setup(PageState.GUARDED, Operation.CACHE_REMOVE, PageState.ORPHANED, "borrow put guard");
        setup(PageState.ORPHANED, Operation.CACHE_REMOVE, PageState.ORPHANED, "borrow put guard retire");
        setup(PageState.RETURNED, Operation.CACHE_REMOVE, PageState.RETURNED, "borrow put return");
        setup(PageState.RETURNED, Operation.RESET_FOR_REUSE, PageState.LIVE, "borrow return");
        setup(PageState.RETURNED, Operation.RESET_FOR_REUSE, PageState.CACHED, "borrow put return");
        // Listeners queued: the removal only unmaps; the listener retires later.
        setup(PageState.CACHED, Operation.CACHE_UNMAP, PageState.LIVE, "queue borrow put");
        setup(PageState.CACHED, Operation.CACHE_UNMAP, PageState.CACHED, "queue borrow put putAgain");
        setup(PageState.GUARDED, Operation.CACHE_UNMAP, PageState.GUARDED, "queue borrow put guard");
        setup(PageState.ORPHANED, Operation.CACHE_UNMAP, PageState.ORPHANED, "queue borrow put guard retire");
        setup(PageState.RETURNED, Operation.CACHE_UNMAP, PageState.RETURNED, "queue borrow put return");
    }

    private static void setup(PageState from, Operation operation, PageState to, String words) {
        SETUPS.put(new TransitionTable.Edge(from, operation, to), words);
    }

    private static String baseSetup(PageState state) {
        return switch (state) {
            case LIVE -> "borrow";
            case CACHED -> "borrow put";
            case GUARDED -> "borrow guard";
            case ORPHANED -> "borrow guard retire";
            case RETURNED -> "borrow return";
        };
    }

    @Test
    void everyPageEdgeIsReachedByItsOperationFromItsSourceState() {
        Set<TransitionTable.Edge> reached = new HashSet<>();
        for (TransitionTable.Edge edge : TransitionTable.edges()) {
            if (!(edge.from() instanceof PageState from)) {
                continue;
            }
            String words = SETUPS.get(edge);
            if (words == null) {
                fail("no scenario reaches edge " + edge);
            }
            OwnershipModel model = build(words);
            assertEquals(from, model.stateOf(0), "setup '" + words + "' for " + edge);
            Outcome<?> outcome = act(model, edge.operation());
            assertTrue(outcome.isOk(), edge + " failed: " + outcome);
            assertEquals(edge.to(), model.stateOf(0), "after " + edge.operation() + " from '" + words + "'");
            reached.add(edge);
            assertTrue(model.drainViolations().isEmpty());
        }
        assertEquals(SETUPS.keySet(), reached, "scenarios for edges that are not in the table");
    }

    @Test
    void everyCallWithoutAnEdgeIsPredictedToFailWithIllegalStateAndChangesNothing() {
        int refusals = 0;
        for (PageState state : PageState.values()) {
            for (Operation operation : List.of(Operation.READ, Operation.WRITE, Operation.GUARD, Operation.CACHE_PUT,
                    Operation.RESET_FOR_REUSE, Operation.CLEAR, Operation.RETIRE, Operation.RETURN_SEGMENTS)) {
                OwnershipModel model = build(baseSetup(state));
                long leasedBefore = model.allocator().leasedSegments();
                Outcome<?> outcome = act(model, operation);
                if (TransitionTable.allows(state, operation)) {
                    assertTrue(outcome.isOk(), state + " " + operation + ": " + outcome);
                    continue;
                }
                refusals++;
                assertEquals(ErrorKind.ILLEGAL_STATE, outcome.error(), state + " " + operation);
                assertEquals(state, model.stateOf(0), state + " " + operation + " changed the state");
                // A refused reset leaves its fresh RAW lease leased, so count it in.
                long extra = operation == Operation.RESET_FOR_REUSE ? 1 : 0;
                assertEquals(leasedBefore + extra, model.allocator().leasedSegments(), state + " " + operation);
            }
        }
        // READ, WRITE on RETURNED; GUARD, CACHE_PUT on ORPHANED and RETURNED; RESET on four states.
        assertEquals(10, refusals);
    }

    @Test
    void segmentEdgesAreTheAllocatorsLifecycle() {
        assertTrue(TransitionTable.allows(SegmentState.FREE, Operation.ALLOCATE));
        assertFalse(TransitionTable.allows(SegmentState.LEASED, Operation.ALLOCATE));
        assertFalse(TransitionTable.allows(SegmentState.QUARANTINED, Operation.ALLOCATE));
        assertFalse(TransitionTable.allows(SegmentState.FREE, Operation.RELEASE));
        assertEquals(List.of(SegmentState.FREE, SegmentState.QUARANTINED),
                TransitionTable.targets(SegmentState.LEASED, Operation.RELEASE));
        assertEquals(List.of(SegmentState.FREE), TransitionTable.targets(SegmentState.QUARANTINED, Operation.LEAVE_QUARANTINE));
    }

    @Test
    void requireEdgeRejectsAMoveThatIsNotListed() {
        IllegalStateException rejected = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TransitionTable.requireEdge(PageState.RETURNED, Operation.WRITE, PageState.LIVE));
        assertTrue(rejected.getMessage().contains("from=RETURNED operation=WRITE to=LIVE"), rejected.getMessage());
    }

    @Test
    void everyPageStateHasAnEdgeOut() {
        Set<Lifecycle> sources = new HashSet<>();
        for (TransitionTable.Edge edge : TransitionTable.edges()) {
            sources.add(edge.from());
        }
        assertTrue(sources.containsAll(EnumSet.allOf(PageState.class)));
        assertTrue(sources.containsAll(EnumSet.allOf(SegmentState.class)));
    }

    static OwnershipModel build(String words) {
        OwnershipModel model = new OwnershipModel(new ModelConfig(false, 0, 1L << 30, 4L << 20), 1);
        ScriptedGrants grants = new ScriptedGrants();
        for (String word : words.split(" ")) {
            Outcome<?> outcome = switch (word) {
                case "queue" -> {
                    model.queueListeners();
                    yield Outcome.done();
                }
                case "borrow" -> model.borrowPage(7, 1, 4096, false, grants);
                case "putAgain" -> model.cachePut(0, 3, 0);
                case "put" -> model.cachePut(0, 1, 0);
                case "guard" -> model.guard(0);
                case "retire" -> model.returnPage(0);
                case "return" -> model.returnSegments(0);
                default -> throw new IllegalArgumentException("word=" + word);
            };
            assertTrue(outcome.isOk(), word + ": " + outcome);
        }
        return model;
    }

    private static Outcome<?> act(OwnershipModel model, Operation operation) {
        GrantSource grants = new ScriptedGrants(0x4000_0000L);
        return switch (operation) {
            case READ -> model.getSlot(0, 0);
            case WRITE -> model.setSlot(0, 0, new byte[] {1, 2, 3}, grants);
            case CLEAR -> model.clear(0);
            case GUARD -> model.guard(0);
            case UNGUARD -> model.closeGuard(lastOpenGuard(model));
            case CACHE_PUT -> model.cachePut(0, 2, 0);
            case CACHE_REMOVE, CACHE_UNMAP -> model.invalidate(0, 1);
            case RETIRE -> model.returnPage(0);
            case RETURN_SEGMENTS -> model.returnSegments(0);
            case RESET_FOR_REUSE -> {
                Lease fresh = model.allocate(4096, grants).get();
                yield model.resetForReuse(0, 8, 2, fresh, fresh);
            }
            default -> throw new IllegalArgumentException("not a page operation: " + operation);
        };
    }

    private static int lastOpenGuard(OwnershipModel model) {
        List<GuardModel> guards = model.guards();
        for (int id = guards.size() - 1; id >= 0; id--) {
            if (!guards.get(id).isClosed()) {
                return id;
            }
        }
        throw new IllegalStateException("no open guard");
    }
}
