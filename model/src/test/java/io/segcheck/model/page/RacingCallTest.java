package io.segcheck.model.page;

import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.Call;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page-design model on a call that raced others: an ending is accepted when some state the
 * page may have been in explains it, and named when none does (each rule on a planted ending).
 */
class RacingCallTest {

    private static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final PageDesignModel model = new PageDesignModel(PageDesign.builder(8,
            new PageDesign.Resize(150, 1 << 16, Overflow.class)).legalAfterReturn(EnumSet.of(Call.RETURN)).build());
    private final PageCall write = PageCall.write(false, 0, new byte[] {1});
    private final PageCall read = PageCall.read(false, 0);
    private static final Predicate<byte[]> WROTE_ONE = bytes -> bytes.length == 1 && bytes[0] == 1;

    private Optional<Violation> judge(PageCall call, boolean mayBeLive, boolean mayBeReturned, Object value,
            RuntimeException thrown) {
        return model.judgeRacing("t0 p0." + call.text(), call, DeweyIds.NONE, mayBeLive, mayBeReturned, value, thrown,
                false, WROTE_ONE);
    }

    private static void assertKind(ViolationKind kind, Optional<Violation> found) {
        assertTrue(found.isPresent(), "expected " + kind);
        assertEquals(kind, found.get().kind(), found.get().sentence());
    }

    @Test
    void anIllegalStateNeedsAStateInWhichTheCallIsIllegal() {
        IllegalStateException returned = new IllegalStateException("returned");
        assertTrue(judge(write, true, true, null, returned).isEmpty());
        assertKind(ViolationKind.UNEXPECTED_ERROR, judge(write, true, false, null, returned));
        assertKind(ViolationKind.UNEXPECTED_ERROR, judge(PageCall.of(PageCall.Kind.RETURN), true, true, null, returned));
    }

    @Test
    void aNormalReturnNeedsAStateInWhichTheCallIsLegal() {
        assertTrue(judge(write, true, true, null, null).isEmpty());
        assertKind(ViolationKind.MISSING_ERROR, judge(write, false, true, null, null));
        assertTrue(judge(PageCall.of(PageCall.Kind.RETURN), false, true, null, null).isEmpty());
    }

    @Test
    void aRacingReadReturnsSomethingWrittenToItsSlotOrNothing() {
        assertTrue(judge(read, true, false, new byte[] {1}, null).isEmpty());
        assertTrue(judge(read, true, false, null, null).isEmpty());
        assertKind(ViolationKind.LOST_DATA, judge(read, true, false, new byte[] {2}, null));
    }

    @Test
    void onlyAWriteMayBeRefusedAndOnlyWithTheDeclaredRefusal() {
        assertTrue(judge(write, true, false, null, new Overflow()).isEmpty());
        assertKind(ViolationKind.UNEXPECTED_ERROR, judge(write, true, false, null, new IllegalArgumentException()));
        assertKind(ViolationKind.UNEXPECTED_ERROR, judge(read, true, false, null, new Overflow()));
    }

    @Test
    void aTouchOfAReleasedSegmentIsAUseAfterReleaseWhateverTheState() {
        assertKind(ViolationKind.USE_AFTER_RELEASE, model.judgeRacing("t0 p0.readRecord(0)", read, DeweyIds.NONE, true,
                true, null, new IllegalStateException("Already closed"), true, WROTE_ONE));
    }
}
