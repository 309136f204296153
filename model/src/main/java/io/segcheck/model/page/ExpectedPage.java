package io.segcheck.model.page;

import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.segcheck.model.page.PageDesignModel.violation;
import static io.segcheck.model.page.SegmentRef.missingFrom;
import static io.segcheck.model.page.SegmentRef.sameSegments;

/**
 * What one page must do next under its design: whether it is returned, and what each slot must read
 * (every slot written since its last clear or reset). {@link #judge} takes one observed call, names
 * the first rule it broke, and moves the expectation on as the call took effect:
 * <ul>
 *   <li>a call the design makes illegal in the page's state (after a return, or a DeweyID call on
 *       a page without DeweyIDs) throws {@link IllegalStateException} and changes nothing: the
 *       same segments (a lease it kept is the oracle's leak);</li>
 *   <li>a write refused with the declared refusal leaves the page as it was and keeps no lease it took;</li>
 *   <li>a write that replaces a segment releases the old one (exactly once: the oracle sees a
 *       second), after publishing the new one, and grows at least by the declared growth;</li>
 *   <li>a read returns what was last written;</li>
 *   <li>a clear empties every slot and writes memory only when the design says so;</li>
 *   <li>a reset makes a returned page live and empty on the segments it was given, or on its own;</li>
 *   <li>after a return the page holds nothing; no call touches a released segment.</li>
 * </ul>
 * Not thread-safe: a checker judges one call at a time.
 */
public final class ExpectedPage {

    private final PageDesignModel model;
    private final PageDesign design;
    private final String name;
    private final DeweyIds deweyIds;
    private final Map<Integer, byte[]> records = new HashMap<>();
    private final Map<Integer, byte[]> deweyIdEntries = new HashMap<>();
    private boolean returned;

    ExpectedPage(PageDesignModel model, String name, DeweyIds deweyIds) {
        this.model = model;
        this.design = model.design();
        this.name = name;
        this.deweyIds = deweyIds;
    }

    public String name() {
        return name;
    }

    public DeweyIds deweyIds() {
        return deweyIds;
    }

    public boolean keepsDeweyIds() {
        return deweyIds != DeweyIds.NONE;
    }

    public boolean returned() {
        return returned;
    }

    /** Whether {@code call} must return normally now (else it must throw {@link IllegalStateException}). */
    public boolean legal(PageCall call) {
        if (call.deweyIdArea() && !keepsDeweyIds()) {
            return false;
        }
        if (call.kind() == PageCall.Kind.RESET) {
            return returned && design.legalAfterReturn(PageDesign.Call.RESET);
        }
        return !returned || design.legalAfterReturn(call.kind().designCall());
    }

    /** What slot {@code slot} must read: null when never written since the last clear or reset. */
    public byte[] expected(boolean deweyIdArea, int slot) {
        byte[] data = (deweyIdArea ? deweyIdEntries : records).get(slot);
        return data == null ? null : data.clone();
    }

    /** The slots written since the last clear or reset, per area, for checkers that read every one back. */
    public List<Integer> writtenSlots(boolean deweyIdArea) {
        return (deweyIdArea ? deweyIdEntries : records).keySet().stream().sorted().toList();
    }

    /**
     * Judges one observed call and applies it to the expectation when it took effect.
     *
     * @return the first rule the call broke, or empty
     */
    public Optional<Violation> judge(ObservedCall seen) {
        String what = name + "." + seen.call().text();
        if (seen.touchedReleased()) {
            return PageDesignModel.unexpectedThrow(what, seen.thrown(), true);
        }
        if (seen.call().isWrite() && !seen.releasedWhileHeld().isEmpty()) {
            return violation(ViolationKind.USE_AFTER_RELEASE, what + " released " + seen.releasedWhileHeld().getFirst()
                    + " while the page still held it: a resize must publish the new segment first");
        }
        if (seen.injectedFailure()) {
            return Optional.empty(); // a failed allocation changes no expectation; the reads after it check the data
        }
        if (!legal(seen.call())) {
            return illegalCall(what, seen);
        }
        if (seen.threw()) {
            return thrownByLegalCall(what, seen);
        }
        Optional<Violation> found = took(what, seen);
        return found.isPresent() ? found : judgeHeld(what, seen.heldAfter());
    }

    /**
     * The page's probe at any moment between calls: a returned page holds nothing (the kit's oracle
     * checks that whatever a live page holds is its own live lease).
     */
    public Optional<Violation> judgeHeld(String when, List<SegmentRef> heldNow) {
        return returned ? PageDesignModel.holdsNothingAfterReturn(when + ": " + name + ", returned,", heldNow) : Optional.empty();
    }

    /** An illegal call: {@link IllegalStateException}, and nothing changed. */
    private Optional<Violation> illegalCall(String what, ObservedCall seen) {
        String context = what + (returned ? " after return" : " on a page without DeweyIDs");
        Optional<Violation> refused = PageDesignModel.expectIllegalState(context, seen.thrown(), false);
        if (refused.isPresent()) {
            return refused;
        }
        if (!sameSegments(seen.heldBefore(), seen.heldAfter())) {
            // a lease taken and given back inside the call changed nothing; one kept is the oracle's LEAK
            return violation(ViolationKind.UNEXPECTED_ERROR, context + " threw IllegalStateException but changed the"
                    + " page's segments: " + seen.heldBefore() + " -> " + seen.heldAfter());
        }
        return Optional.empty();
    }

    /** A legal call that threw: only a write past the maximum may, with the page unchanged. */
    private Optional<Violation> thrownByLegalCall(String what, ObservedCall seen) {
        if (!seen.call().isWrite() || !model.isDeclaredRefusal(seen.thrown(), false)) {
            return PageDesignModel.unexpectedThrow(what, seen.thrown(), false);
        }
        String refused = what + " was refused (" + seen.thrown().getClass().getSimpleName() + ")";
        if (seen.leasesTaken() > seen.releases()) {
            return violation(ViolationKind.LEAK, refused + ", but kept " + (seen.leasesTaken() - seen.releases())
                    + " of the " + seen.leasesTaken() + " lease(s) it took: a refusal past the maximum keeps nothing");
        }
        if (!sameSegments(seen.heldBefore(), seen.heldAfter())) {
            return violation(ViolationKind.UNEXPECTED_ERROR, refused + ", but the page's segments changed: "
                    + seen.heldBefore() + " -> " + seen.heldAfter());
        }
        return Optional.empty();
    }

    /** A legal call that returned normally: what it must have done, and the expectation moved on. */
    private Optional<Violation> took(String what, ObservedCall seen) {
        PageCall call = seen.call();
        return switch (call.kind()) {
            case WRITE_RECORD, WRITE_DEWEY_ID -> wrote(what, seen);
            case READ_RECORD, READ_DEWEY_ID -> read(what, call, seen.value());
            case CLEAR -> cleared(what, seen);
            case RETURN -> {
                returned = true;
                yield Optional.empty();
            }
            case RESET -> reset(what, seen);
            case GUARD -> Optional.empty();
        };
    }

    private Optional<Violation> wrote(String what, ObservedCall seen) {
        if (returned) {
            return Optional.empty(); // a design that lets a returned page take writes promises nothing about them
        }
        PageCall call = seen.call();
        (call.deweyIdArea() ? deweyIdEntries : records).put(call.slot(), call.data());
        List<SegmentRef> dropped = missingFrom(seen.heldBefore(), seen.heldAfter());
        List<SegmentRef> added = missingFrom(seen.heldAfter(), seen.heldBefore());
        for (SegmentRef old : dropped) {
            if (seen.liveAfter().contains(old)) {
                return violation(ViolationKind.LEAK, what + ": the page dropped " + old + " but never released it");
            }
        }
        if (dropped.size() == 1 && added.size() == 1) {
            long least = design.resize().leastGrownBytes(dropped.getFirst().bytes());
            if (added.getFirst().bytes() < least) {
                return violation(ViolationKind.UNEXPECTED_ERROR, what + ": resized " + dropped.getFirst() + " to "
                        + added.getFirst() + ", less than the declared growth (" + least + " B)");
            }
        }
        return Optional.empty();
    }

    private Optional<Violation> read(String what, PageCall call, Object value) {
        if (returned) {
            return Optional.empty(); // legal after return: what it reads is the page's own business
        }
        byte[] actual = (byte[]) value;
        byte[] wanted = (call.deweyIdArea() ? deweyIdEntries : records).get(call.slot());
        if (!Arrays.equals(wanted, actual)) {
            return violation(ViolationKind.LOST_DATA, what + " read " + describe(actual) + " but " + describe(wanted)
                    + " was written");
        }
        return Optional.empty();
    }

    private Optional<Violation> cleared(String what, ObservedCall seen) {
        forgetEntries();
        if (returned || design.clearWritesMemory() || seen.contentsBefore().isEmpty()) {
            return Optional.empty();
        }
        if (!sameSegments(seen.heldBefore(), seen.heldAfter())
                || seen.contentsBefore().size() != seen.contentsAfter().size()) {
            return Optional.empty(); // a clear that replaced segments wrote none of the old ones' bytes
        }
        for (int index = 0; index < seen.contentsBefore().size(); index++) {
            if (!Arrays.equals(seen.contentsBefore().get(index), seen.contentsAfter().get(index))) {
                return violation(ViolationKind.UNEXPECTED_ERROR, what + " wrote segment memory ("
                        + seen.heldBefore().get(index) + "), but the design declares clearWritesMemory=false");
            }
        }
        return Optional.empty();
    }

    private Optional<Violation> reset(String what, ObservedCall seen) {
        returned = false;
        forgetEntries();
        if (design.reset() == PageDesign.Reset.TAKES_SEGMENTS) {
            List<SegmentRef> notHeld = missingFrom(seen.given(), seen.heldAfter());
            if (!notHeld.isEmpty()) {
                return violation(ViolationKind.LEAK, what + ": the page does not hold " + notHeld.getFirst()
                        + ", which it was given");
            }
        } else if (seen.heldAfter().isEmpty()) {
            return violation(ViolationKind.UNEXPECTED_ERROR, what + " holds nothing afterwards, but the design"
                    + " declares reset=ALLOCATES_OWN");
        }
        return Optional.empty();
    }

    /** After a clear or a reset: every slot reads empty until written again. */
    private void forgetEntries() {
        records.clear();
        deweyIdEntries.clear();
    }

    private static String describe(byte[] data) {
        return data == null ? "null" : "byte[" + data.length + "]";
    }

    @Override
    public String toString() {
        return name;
    }
}
