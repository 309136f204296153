package io.segcheck.examples;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each of the seed note's four page-side bug classes, planted one at a time in the example page, is
 * found by the page contract, by exactly the tests that name it (the kit runs through the JUnit
 * launcher, as in a team's build, and its failures are read back); and a page that reads the segment
 * its last resize gave back is found too, while one that only keeps it in a field passes
 * ({@link KeepsReplacedSegmentUnreadPageContractTest}). segcheck's own page, bound through the same
 * seam, is found with its defect switches on as well.
 */
class PlantedPageBugsTest {

    @Test
    void kitFindsASharedResizeThatUpdatesOneField() {
        // Found at the first resize of a shared segment, which every test's writes reach.
        assertFoundBy(PlantedSharedResizePageKit.class, EVERY_TEST_THAT_RETURNS);
    }

    @Test
    void kitFindsAReturnThatReleasesNothing() {
        assertFoundBy(PlantedReturnReleasesNothingPageKit.class, EVERY_TEST_THAT_RETURNS);
    }

    @Test
    void kitFindsAReturnThatIsNotIdempotentUnderRacingCalls() {
        // Sequential returns see the flag; only the scheduled race makes it release twice.
        assertFoundBy(PlantedReturnNotIdempotentPageKit.class, Set.of("racingReturnsReleaseEverySegmentExactlyOnce"));
    }

    @Test
    void kitFindsAPoolThatDropsThePagesGivenBackToIt() {
        // The page itself is correct, so only the pool's test sees it.
        assertFoundBy(PlantedPoolDropsPageKit.class, Set.of("poolGivesBackEverySegmentOfAPageGivenBackToIt"));
    }

    @Test
    void kitFindsAClearThatZeroesReturnedSegments() {
        assertFoundBy(PlantedClearZeroesReturnedPageKit.class,
                Set.of("callsOnAReturnedPageTouchNoReleasedMemoryAndFollowTheDesign"));
    }

    @Test
    void kitFindsAReadOfTheSegmentTheLastResizeGaveBack() {
        // Every test that reads after a resize; the others return without reading.
        assertFoundBy(ReadsReplacedSegmentPageKit.class, Set.of(
                "dataWrittenReadsBackAcrossResizesAndReturnGivesEverythingBack",
                "resizePublishesTheNewSegmentAndReleasesTheOldOnceGrowingAsDeclared",
                "writePastTheMaximumIsRefusedAndChangesNothing", "clearEmptiesEverySlotAndWritesMemoryOnlyAsDeclared",
                "resetStartsAnEmptyLifeOnItsNewSegments", "pagesOnOneAllocatorNeverShareALease"));
    }

    @Test
    void kitFindsAResizeThatReleasesBeforeItPublishes() {
        // Nothing reads the old segment afterwards; only the release-time probe can see the order.
        assertFoundBy(ReleasesBeforePublishingPageKit.class, EVERY_TEST_THAT_RETURNS);
    }

    @Test
    void kitFindsAWritePastTheMaximumThatLeaksTheSegmentItTook() {
        assertFoundBy(OverflowTakesBeforeRefusingPageKit.class, Set.of("writePastTheMaximumIsRefusedAndChangesNothing"));
    }

    @Test
    void kitFindsSegcheckPagesSharedResizeDefectThroughTheSeam() {
        assertFoundBy(SegcheckPageResizeSharedDanglingKit.class, EVERY_TEST_THAT_RETURNS);
    }

    @Test
    void kitFindsSegcheckPagesReturnThatIsNotIdempotentThroughTheSeam() {
        // segcheck's historic return had no flag at all, so a repeated return (and a pool's second
        // give-back, which its pool delegated straight to it) finds it too.
        assertFoundBy(SegcheckPageReturnNotIdempotentKit.class, Set.of("repeatedReturnsReleaseEverySegmentExactlyOnce",
                "racingReturnsReleaseEverySegmentExactlyOnce", "callsOnAReturnedPageTouchNoReleasedMemoryAndFollowTheDesign",
                "poolGivesBackEverySegmentOfAPageGivenBackToIt"));
    }

    @Test
    void kitFindsSegcheckPagesClearThatZeroesReturnedSegmentsThroughTheSeam() {
        // Its design says clear writes no memory, so the clear of a live page finds it as well.
        assertFoundBy(SegcheckPageClearZeroesReturnedKit.class, Set.of("clearEmptiesEverySlotAndWritesMemoryOnlyAsDeclared",
                "callsOnAReturnedPageTouchNoReleasedMemoryAndFollowTheDesign"));
    }

    /** Every test that fills a page and returns it: a bug on that path fails them all. */
    private static final Set<String> EVERY_TEST_THAT_RETURNS = Set.of(
            "dataWrittenReadsBackAcrossResizesAndReturnGivesEverythingBack",
            "resizePublishesTheNewSegmentAndReleasesTheOldOnceGrowingAsDeclared",
            "writePastTheMaximumIsRefusedAndChangesNothing", "repeatedReturnsReleaseEverySegmentExactlyOnce",
            "clearEmptiesEverySlotAndWritesMemoryOnlyAsDeclared", "resetStartsAnEmptyLifeOnItsNewSegments",
            "pagesOnOneAllocatorNeverShareALease", "callsOnAReturnedPageTouchNoReleasedMemoryAndFollowTheDesign",
                "racingReturnsReleaseEverySegmentExactlyOnce", "poolGivesBackEverySegmentOfAPageGivenBackToIt");

    private static void assertFoundBy(Class<?> kit, Set<String> tests) {
        Map<String, String> failed = PlantedBugsTest.failuresOf(kit);
        assertEquals(tests, failed.keySet(), failed.toString());
    }
}
