package io.segcheck.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Page caches in the model: mappings, replacement, removals (explicit and observed) and guards. */
class CacheModelTest {

    private final OwnershipModel model =
            new OwnershipModel(new ModelConfig(false, 0, 1L << 30, 4L << 20), 2);
    private final ScriptedGrants grants = new ScriptedGrants();

    private int borrow() {
        return model.borrowPage(1, 0, 4096, false, grants).get().id();
    }

    @Test
    void putMapsAndGetAndGuardGuardsTheMappedPage() {
        int page = borrow();
        model.cachePut(0, 10, page);
        assertEquals(PageState.CACHED, model.stateOf(page));
        Optional<GuardModel> guard = model.getAndGuard(0, 10).get();
        assertTrue(guard.isPresent());
        assertEquals(PageState.GUARDED, model.stateOf(page));
        assertTrue(model.getAndGuard(0, 11).get().isEmpty(), "absent key");
        assertTrue(model.getAndGuard(1, 10).get().isEmpty(), "other cache");
    }

    @Test
    void replacingAKeyReturnsTheOldPageButRePuttingTheSameInstanceDoesNot() {
        int first = borrow();
        int second = borrow();
        model.cachePut(0, 10, first);
        model.cachePut(0, 10, first);
        assertEquals(PageState.CACHED, model.stateOf(first));
        model.cachePut(0, 10, second);
        assertEquals(PageState.RETURNED, model.stateOf(first));
        assertEquals(1, model.pagesReturned());
        assertEquals(second, model.cache(0).pageAt(10));
        assertEquals(1, model.allocator().leasedSegments());
    }

    @Test
    void onlyALivePageCanBeCached() {
        int page = borrow();
        model.guard(page);
        model.returnPage(page);
        assertEquals(ErrorKind.ILLEGAL_STATE, model.cachePut(0, 1, page).error());
        int returned = borrow();
        model.returnSegments(returned);
        assertEquals(ErrorKind.ILLEGAL_STATE, model.cachePut(0, 1, returned).error());
        assertTrue(model.cache(0).keys().isEmpty());
    }

    @Test
    void removingAGuardedPageOrphansItUntilItsLastGuardCloses() {
        int page = borrow();
        model.cachePut(0, 10, page);
        GuardModel guard = model.getAndGuard(0, 10).get().orElseThrow();
        model.invalidate(0, 10);
        assertEquals(PageState.ORPHANED, model.stateOf(page));
        assertNull(model.cache(0).pageAt(10));
        model.closeGuard(guard.id());
        assertEquals(PageState.RETURNED, model.stateOf(page));
        assertEquals(0, model.allocator().leasedSegments());
    }

    @Test
    void getAndGuardOfAMappedPageThatCannotBeGuardedIsEmpty() {
        int page = borrow();
        model.cachePut(0, 10, page);
        model.returnSegments(page);
        assertTrue(model.getAndGuard(0, 10).get().isEmpty());
        assertEquals(page, model.cache(0).pageAt(10), "a returned page may stay mapped");
        model.invalidate(0, 10);
        assertEquals(0, model.pagesReturned(), "retiring a returned page counts nothing");
    }

    @Test
    void invalidateAllRetiresEveryMappedPage() {
        int a = borrow();
        int b = borrow();
        model.cachePut(1, 1, a);
        model.cachePut(1, 2, b);
        model.invalidateAll(1);
        assertTrue(model.cache(1).keys().isEmpty());
        assertEquals(PageState.RETURNED, model.stateOf(a));
        assertEquals(PageState.RETURNED, model.stateOf(b));
        assertEquals(2, model.pagesReturned());
    }

    @Test
    void observedEvictionOfAMappedKeyRetiresItsPage() {
        int a = borrow();
        int b = borrow();
        model.cachePut(0, 1, a);
        model.cachePut(0, 2, b);
        model.observeRemoval(0, 1, "SIZE");
        assertTrue(model.drainViolations().isEmpty());
        assertEquals(List.of(2L), model.cache(0).keys());
        assertEquals(PageState.RETURNED, model.stateOf(a));
        assertEquals(PageState.CACHED, model.stateOf(b));
    }

    @Test
    void observedRemovalOfAKeyThatWasNotMappedIsAViolation() {
        model.beginStep(4);
        model.observeRemoval(0, 99, "EXPIRED");
        Violation violation = model.drainViolations().get(0);
        assertEquals(4, violation.stepIndex());
        assertTrue(violation.message().contains("key=99 (cause=EXPIRED)"), violation.message());
    }

    @Test
    void aPageUnderTwoKeysIsRetiredByTheFirstRemoval() {
        int page = borrow();
        model.cachePut(0, 1, page);
        model.cachePut(0, 2, page);
        model.invalidate(0, 1);
        assertEquals(PageState.RETURNED, model.stateOf(page));
        assertTrue(model.getAndGuard(0, 2).get().isEmpty());
    }

    /**
     * One key, one page, two EXPIRED removals pending: the entry of life 0 and, after the page was
     * returned, reset and put again, the entry of life 1. The listener that ran names its life, and
     * only that removal stops being pending (matching by key, page and cause took the older one).
     */
    @Test
    void aListenerEndsThePendingRemovalOfItsOwnEntryLife() {
        model.queueListeners();
        int page = borrow();
        model.cachePut(0, 10, page);
        model.observeEviction(0, 10, "EXPIRED");
        model.returnPage(page);
        Lease fresh = model.allocate(4096, grants).get();
        assertTrue(model.resetForReuse(page, 1, 0, fresh, fresh).isOk());
        model.cachePut(0, 10, page);
        model.observeEviction(0, 10, "EXPIRED");
        model.cachePut(0, 10, page);

        assertEquals("STILL_MAPPED", model.listenerRan(0, 10, page, 1, "EXPIRED"));
        assertEquals(List.of(0), model.pendingRemovals().stream().map(OwnershipModel.PendingRemoval::life).toList(),
                "the entry of life 0 is still pending");
        assertEquals("STILL_MAPPED", model.listenerRan(0, 10, page, 0, "EXPIRED"), "the key maps the page again");
        assertTrue(model.pendingRemovals().isEmpty());
        model.invalidate(0, 10);
        assertEquals("RETIRED", model.listenerRan(0, 10, page, 1, "EXPLICIT"));
        assertEquals(PageState.RETURNED, model.stateOf(page));
        assertEquals(0, model.allocator().leasedSegments());
        List<Violation> violations = model.drainViolations();
        assertTrue(violations.isEmpty(), violations::toString);
    }
}
