package io.segcheck.model.page;

import io.segcheck.api.PageDesign;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The page-design model: a team's {@link PageDesign} as an executable prediction of what each call
 * on its pages must do. Pages are {@link ExpectedPage}s opened here; the rules that do not depend on
 * one page's state (how an unexpected throw is named, what a refusal is) live here too, so every
 * checker names a failure the same way.
 */
public final class PageDesignModel {

    private final PageDesign design;

    public PageDesignModel(PageDesign design) {
        this.design = Objects.requireNonNull(design, "design");
    }

    public PageDesign design() {
        return design;
    }

    /** A new live, empty page keeping DeweyIDs as {@code deweyIds} says. */
    public ExpectedPage open(String name, PageDesign.DeweyIds deweyIds) {
        if (!design.deweyIds().contains(deweyIds)) {
            throw new IllegalArgumentException("deweyIds=" + deweyIds + " is not declared: " + design.deweyIds());
        }
        return new ExpectedPage(this, name, deweyIds);
    }

    /**
     * Whether {@code failure} is the design's refusal of a write past its maximum, and not the JDK
     * refusing a touch of a released segment (which a loosely declared refusal such as
     * {@link IllegalStateException} would otherwise take in).
     */
    public boolean isDeclaredRefusal(RuntimeException failure, boolean touchedReleased) {
        return !touchedReleased && design.resize().refusal().isInstance(failure);
    }

    /** A returned page's probe: it must claim nothing ({@code what} names the page and how it was returned). */
    public static Optional<Violation> holdsNothingAfterReturn(String what, List<SegmentRef> heldNow) {
        if (heldNow.isEmpty()) {
            return Optional.empty();
        }
        return violation(ViolationKind.LEAK, what + " still holds " + heldNow.size() + " segment(s)");
    }

    /**
     * A call that raced other calls on the same page, judged by whether some order of them explains
     * how it ended: an {@link IllegalStateException} needs a state in which the design makes the call
     * illegal, a normal return one in which it is legal, a read one of the values ever written to
     * its slot (or empty), a refusal must be the declared one on a write; no call touches a released
     * segment.
     *
     * @param mayBeLive whether the page can have been live when the call took effect
     * @param mayBeReturned whether it can have been returned then
     * @param everWritten whether a read's bytes were written to its slot by someone
     */
    public Optional<Violation> judgeRacing(String what, PageCall call, PageDesign.DeweyIds deweyIds, boolean mayBeLive,
            boolean mayBeReturned, Object value, RuntimeException thrown, boolean touchedReleased,
            Predicate<byte[]> everWritten) {
        if (touchedReleased) {
            return unexpectedThrow(what, thrown, true);
        }
        if (call.deweyIdArea() && deweyIds == PageDesign.DeweyIds.NONE) {
            return expectIllegalState(what + " on a page without DeweyIDs", thrown, false);
        }
        boolean legalWhenReturned = design.legalAfterReturn(call.kind().designCall());
        if (thrown == null) {
            if (!mayBeLive && !legalWhenReturned) {
                return expectIllegalState(what + " after return", null, false);
            }
            boolean readOfALivePage = call.isRead() && value != null && mayBeLive;
            if (readOfALivePage && !everWritten.test((byte[]) value)) {
                return violation(ViolationKind.LOST_DATA, what + " read byte[" + ((byte[]) value).length
                        + "], which no call wrote to that slot");
            }
            return Optional.empty();
        }
        if (thrown instanceof IllegalStateException && mayBeReturned && !legalWhenReturned) {
            return Optional.empty();
        }
        if (call.isWrite() && mayBeLive && isDeclaredRefusal(thrown, false)) {
            return Optional.empty();
        }
        return unexpectedThrow(what, thrown, false);
    }

    /**
     * The violation of a call that had to return normally and threw: a touch of a released segment,
     * the allocator refusing a release of the page's, or any other throw.
     */
    public static Optional<Violation> unexpectedThrow(String what, RuntimeException thrown, boolean touchedReleased) {
        if (thrown == null) {
            return Optional.empty();
        }
        if (touchedReleased) {
            return violation(ViolationKind.USE_AFTER_RELEASE, what + " touched a released segment ("
                    + thrown.getMessage() + ")");
        }
        if (thrown instanceof SegmentOwnershipException refused) {
            return violation(refused.kind() == SegmentOwnershipException.Kind.DOUBLE_RELEASE
                    ? ViolationKind.DOUBLE_RELEASE : ViolationKind.FOREIGN_RELEASE, what + " was refused by the"
                    + " allocator: " + refused.getMessage());
        }
        return violation(ViolationKind.UNEXPECTED_ERROR, what + " threw " + thrown);
    }

    /**
     * The violation of a call the design makes illegal: it must throw {@link IllegalStateException}
     * without touching a released segment.
     */
    public static Optional<Violation> expectIllegalState(String what, RuntimeException thrown, boolean touchedReleased) {
        if (thrown == null) {
            return violation(ViolationKind.MISSING_ERROR, what + " returned normally; it must throw"
                    + " IllegalStateException");
        }
        if (thrown instanceof IllegalStateException && !touchedReleased) {
            return Optional.empty();
        }
        return unexpectedThrow(what, thrown, touchedReleased);
    }

    static Optional<Violation> violation(ViolationKind kind, String message) {
        return Optional.of(Violation.of(kind, 0, message));
    }
}
