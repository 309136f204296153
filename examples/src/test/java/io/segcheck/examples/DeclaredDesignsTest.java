package io.segcheck.examples;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each design declaration, set through an allocator property, is checked on an allocator of that
 * design and changes only what it must: the kit passes, and exactly the tests of the promise the
 * declaration changes are skipped or run compared with the example's plain design.
 */
class DeclaredDesignsTest {

    private static final Set<String> BAD_RELEASE_TESTS = Set.of("secondReleaseIsRefusedAndChangesNothing",
            "releaseOfStaleInstanceIsRefusedAfterTheAddressWasLeasedAgain",
            "releaseOfSegmentsThisAllocatorNeverLeasedIsRefused", "releaseOfASameAddressViewOfALiveLeaseIsRefused",
            "releaseOfNullChangesNothing");
    private static final String OVERSIZE_TEST = "oversizedRequestIsServedOutsideTheClassesAndReleased";
    private static final Set<String> VIEW_TESTS = Set.of("releaseThroughAWholeViewOfALiveLeaseEndsThatLease",
            "releaseThroughViewsStillRefusesWhatIsNotAWholeViewOfALiveLease");

    @Test
    void releasesNeverValidatedSkipOnlyTheBadReleaseTests() {
        KitRun plain = KitRun.of(FreeListPoolContractTest.class);
        KitRun trusting = KitRun.of(VariantKits.TrustingFreeList.class);
        assertEquals(Set.of(), trusting.failed().keySet(), trusting.failed().toString());
        assertEquals(union(plain.skipped().keySet(), BAD_RELEASE_TESTS), trusting.skipped().keySet());
    }

    @Test
    void oversizedRequestsServedRunOnlyTheOversizeTest() {
        KitRun plain = KitRun.of(FreeListPoolContractTest.class);
        KitRun oversize = KitRun.of(VariantKits.OversizeFreeList.class);
        assertEquals(Set.of(), oversize.failed().keySet(), oversize.failed().toString());
        assertEquals(minus(plain.skipped().keySet(), Set.of(OVERSIZE_TEST)), oversize.skipped().keySet());
    }

    @Test
    void sizesRefusedByAssertPassTheSameTests() {
        KitRun plain = KitRun.of(FreeListPoolContractTest.class);
        KitRun asserting = KitRun.of(VariantKits.AssertingFreeList.class);
        assertEquals(Set.of(), asserting.failed().keySet(), asserting.failed().toString());
        assertEquals(plain.skipped().keySet(), asserting.skipped().keySet());
    }

    @Test
    void viewsEndingTheirLeaseSwapTheViewTestsOnly() {
        KitRun plain = KitRun.of(ArenaPerLeaseContractTest.class);
        KitRun views = KitRun.of(VariantKits.ArenaWithViews.class);
        assertEquals(Set.of(), views.failed().keySet(), views.failed().toString());
        Set<String> expected = union(minus(plain.skipped().keySet(), VIEW_TESTS),
                Set.of("releaseOfASameAddressViewOfALiveLeaseIsRefused"));
        assertEquals(expected, views.skipped().keySet());
    }

    private static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> all = new TreeSet<>(left);
        all.addAll(right);
        return all;
    }

    private static Set<String> minus(Set<String> left, Set<String> right) {
        Set<String> rest = new TreeSet<>(left);
        rest.removeAll(right);
        return rest;
    }
}
