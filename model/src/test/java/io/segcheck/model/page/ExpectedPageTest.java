package io.segcheck.model.page;

import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.Call;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page-design model, one rule at a time: the observation of a page that keeps the rule passes,
 * and the same observation with the rule broken (a wrong behaviour planted in the observation) is
 * named with its kind. Designs differ where the rule depends on them.
 */
class ExpectedPageTest {

    private static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static final SegmentRef FIRST = new SegmentRef(0x1000, 4096);
    private static final SegmentRef GROWN = new SegmentRef(0x9000, 8192);
    private static final SegmentRef SMALL = new SegmentRef(0x9000, 4096);
    private static final SegmentRef OTHER = new SegmentRef(0x20000, 4096);

    private static PageDesign design(boolean clearWritesMemory, PageDesign.Reset reset, Call... legalAfterReturn) {
        return PageDesign.builder(16, new PageDesign.Resize(200, 1 << 16, Overflow.class))
                .deweyIds(EnumSet.of(DeweyIds.NONE, DeweyIds.SEPARATE)).clearWritesMemory(clearWritesMemory)
                .reset(reset).legalAfterReturn(EnumSet.of(Call.RETURN, legalAfterReturn)).build();
    }

    private static ExpectedPage page(PageDesign design) {
        return new PageDesignModel(design).open("page#0", DeweyIds.NONE);
    }

    private static ExpectedPage strictPage() {
        return page(design(false, PageDesign.Reset.TAKES_SEGMENTS, Call.CLEAR, Call.RESET));
    }

    private static ObservedCall writeOf(byte[] data) {
        return ObservedCall.of(PageCall.write(false, 0, data)).held(List.of(FIRST), List.of(FIRST))
                .allocator(0, 0, List.of(), List.of(FIRST));
    }

    private static ObservedCall returnOf() {
        return ObservedCall.of(PageCall.of(PageCall.Kind.RETURN)).held(List.of(FIRST), List.of());
    }

    private static void assertKind(ViolationKind kind, Optional<Violation> found) {
        assertTrue(found.isPresent(), "expected " + kind + ", the model saw nothing wrong");
        assertEquals(kind, found.get().kind(), found.get().sentence());
    }

    @Test
    void aReadReturnsWhatWasLastWrittenAndAnythingElseIsLostData() {
        ExpectedPage page = strictPage();
        assertTrue(page.judge(writeOf(new byte[] {1, 2})).isEmpty());
        PageCall read = PageCall.read(false, 0);
        assertTrue(page.judge(ObservedCall.of(read).returned(new byte[] {1, 2})).isEmpty());
        assertKind(ViolationKind.LOST_DATA, page.judge(ObservedCall.of(read).returned(new byte[] {1, 3})));
        assertKind(ViolationKind.LOST_DATA, page.judge(ObservedCall.of(PageCall.read(false, 1)).returned(new byte[] {1})));
    }

    @Test
    void aCallIllegalAfterReturnMustThrowIllegalStateAndChangeNothing() {
        ExpectedPage page = strictPage();
        assertTrue(page.judge(returnOf()).isEmpty());
        PageCall write = PageCall.write(false, 0, new byte[] {1});
        assertFalse(page.legal(write));
        assertTrue(page.judge(ObservedCall.of(write).threw(new IllegalStateException("returned"), false, false)).isEmpty());
        assertKind(ViolationKind.MISSING_ERROR, page.judge(ObservedCall.of(write)));
        assertKind(ViolationKind.UNEXPECTED_ERROR, page.judge(ObservedCall.of(write).threw(
                new IllegalStateException("returned"), false, false).held(List.of(), List.of(OTHER))));
        assertKind(ViolationKind.UNEXPECTED_ERROR, page.judge(ObservedCall.of(write).threw(new IllegalArgumentException(),
                false, false)));
    }

    @Test
    void aCallLegalAfterReturnMustReturnNormallyAndTheDesignDecidesWhichIs() {
        ExpectedPage clearLegal = strictPage();
        clearLegal.judge(returnOf());
        PageCall clear = PageCall.of(PageCall.Kind.CLEAR);
        assertTrue(clearLegal.judge(ObservedCall.of(clear)).isEmpty());
        assertKind(ViolationKind.UNEXPECTED_ERROR, clearLegal.judge(ObservedCall.of(clear)
                .threw(new IllegalStateException("returned"), false, false)));
        ExpectedPage clearIllegal = page(design(false, PageDesign.Reset.TAKES_SEGMENTS));
        clearIllegal.judge(returnOf());
        assertKind(ViolationKind.MISSING_ERROR, clearIllegal.judge(ObservedCall.of(clear)));
    }

    @Test
    void aDeweyIdCallOnAPageWithoutDeweyIdsMustThrowIllegalState() {
        ExpectedPage page = strictPage();
        PageCall write = PageCall.write(true, 0, new byte[] {1});
        assertTrue(page.judge(ObservedCall.of(write).threw(new IllegalStateException("none"), false, false)).isEmpty());
        assertKind(ViolationKind.MISSING_ERROR, page.judge(ObservedCall.of(write)));
    }

    @Test
    void aRefusalPastTheMaximumLeavesThePageUnchangedAndLeasesNothing() {
        ExpectedPage page = strictPage();
        ObservedCall refused = writeOf(new byte[] {9}).threw(new Overflow(), false, false);
        assertTrue(page.judge(refused).isEmpty());
        assertKind(ViolationKind.LEAK, page.judge(refused.allocator(1, 0, List.of(), List.of(FIRST, OTHER))));
        assertTrue(page.judge(refused.allocator(1, 1, List.of(), List.of(FIRST))).isEmpty(), "a scratch lease given back");
        assertKind(ViolationKind.UNEXPECTED_ERROR, page.judge(refused.held(List.of(FIRST), List.of(GROWN))));
        // the refused data is not expected back
        assertTrue(page.judge(ObservedCall.of(PageCall.read(false, 0)).returned(null)).isEmpty());
    }

    @Test
    void aResizeGrowsAsDeclaredReleasesTheOldSegmentAndPublishesFirst() {
        ExpectedPage page = strictPage();
        ObservedCall resized = ObservedCall.of(PageCall.write(false, 0, new byte[] {1}))
                .held(List.of(FIRST), List.of(GROWN)).allocator(1, 0, List.of(), List.of(GROWN));
        assertTrue(page.judge(resized).isEmpty());
        assertKind(ViolationKind.UNEXPECTED_ERROR, page.judge(resized.held(List.of(FIRST), List.of(SMALL))
                .allocator(1, 0, List.of(), List.of(SMALL))));
        assertKind(ViolationKind.LEAK, page.judge(resized.allocator(1, 0, List.of(), List.of(FIRST, GROWN))));
        assertKind(ViolationKind.USE_AFTER_RELEASE, page.judge(resized.allocator(1, 1, List.of(FIRST), List.of(GROWN))));
    }

    @Test
    void aClearEmptiesEverySlotAndWritesMemoryOnlyWhenDeclared() {
        byte[] before = {1, 2, 3};
        byte[] zeroed = {0, 0, 0};
        ObservedCall clear = ObservedCall.of(PageCall.of(PageCall.Kind.CLEAR)).held(List.of(FIRST), List.of(FIRST));
        ExpectedPage strict = strictPage();
        strict.judge(writeOf(new byte[] {5}));
        assertTrue(strict.judge(clear.contents(List.of(before), List.of(before.clone()))).isEmpty());
        assertTrue(strict.judge(ObservedCall.of(PageCall.read(false, 0)).returned(null)).isEmpty(), "cleared: empty");
        assertKind(ViolationKind.UNEXPECTED_ERROR, strict.judge(clear.contents(List.of(before), List.of(zeroed))));
        ExpectedPage zeroing = page(design(true, PageDesign.Reset.TAKES_SEGMENTS, Call.CLEAR));
        assertTrue(zeroing.judge(clear.contents(List.of(before), List.of(zeroed))).isEmpty());
    }

    @Test
    void afterReturnThePageHoldsNothing() {
        ExpectedPage page = strictPage();
        assertKind(ViolationKind.LEAK, page.judge(ObservedCall.of(PageCall.of(PageCall.Kind.RETURN))
                .held(List.of(FIRST), List.of(FIRST))));
        assertKind(ViolationKind.LEAK, page.judge(ObservedCall.of(PageCall.of(PageCall.Kind.CLEAR))
                .held(List.of(FIRST), List.of(FIRST))));
    }

    @Test
    void aResetTakesTheGivenSegmentsOrAllocatesItsOwnAsDeclared() {
        ObservedCall reset = ObservedCall.of(PageCall.of(PageCall.Kind.RESET)).given(List.of(OTHER));
        ExpectedPage takes = strictPage();
        assertFalse(takes.legal(PageCall.of(PageCall.Kind.RESET)), "a live page is not reset");
        takes.judge(returnOf());
        assertKind(ViolationKind.LEAK, takes.judge(reset.held(List.of(), List.of(GROWN))));
        takes.judge(returnOf());
        assertTrue(takes.judge(reset.held(List.of(), List.of(OTHER))).isEmpty());
        assertFalse(takes.returned());
        ExpectedPage own = page(design(false, PageDesign.Reset.ALLOCATES_OWN, Call.RESET));
        own.judge(returnOf());
        ObservedCall ownReset = ObservedCall.of(PageCall.of(PageCall.Kind.RESET));
        assertKind(ViolationKind.UNEXPECTED_ERROR, own.judge(ownReset));
        own.judge(returnOf());
        assertTrue(own.judge(ownReset.held(List.of(), List.of(GROWN)).allocator(1, 0, List.of(), List.of(GROWN))).isEmpty());
    }

    @Test
    void aTouchOfAReleasedSegmentOrARefusedReleaseIsNamedWhateverTheCall() {
        ExpectedPage page = strictPage();
        assertKind(ViolationKind.USE_AFTER_RELEASE, page.judge(ObservedCall.of(PageCall.read(false, 0))
                .threw(new IllegalStateException("Already closed"), true, false)));
        assertKind(ViolationKind.DOUBLE_RELEASE, page.judge(ObservedCall.of(PageCall.of(PageCall.Kind.RETURN))
                .threw(new SegmentOwnershipException(SegmentOwnershipException.Kind.DOUBLE_RELEASE, 0x1000, "twice"),
                        false, false)));
    }

    @Test
    void aFailedAllocationChangesNoExpectation() {
        ExpectedPage page = strictPage();
        page.judge(writeOf(new byte[] {1}));
        assertTrue(page.judge(writeOf(new byte[] {2}).threw(new IllegalStateException("exhausted"), false, true)).isEmpty());
        assertTrue(page.judge(ObservedCall.of(PageCall.read(false, 0)).returned(new byte[] {1})).isEmpty());
    }

    @Test
    void aSlotNotDeclaredIsRefusedWithTheDesignNamed() {
        PageDesignModel model = new PageDesignModel(design(false, PageDesign.Reset.TAKES_SEGMENTS));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.open("page#0", DeweyIds.SHARED));
        assertTrue(refused.getMessage().contains("SHARED"), refused.getMessage());
    }
}
