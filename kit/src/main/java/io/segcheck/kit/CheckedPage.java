package io.segcheck.kit;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.model.page.ExpectedPage;
import io.segcheck.model.page.PageCall;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A page under check: the adapter, what the page-design model expects of it, and every slot ever
 * written (each is read back, empty after a clear or a reset). Every call goes through the bench's
 * {@link PageJudge}, and a broken rule fails the test with the model's sentence.
 */
final class CheckedPage {

    private final PageAdapter page;
    private final ExpectedPage expected;
    private final PageJudge judge;
    private final Set<Integer> recordSlots = new TreeSet<>();
    private final Set<Integer> deweyIdSlots = new TreeSet<>();

    CheckedPage(PageAdapter page, ExpectedPage expected, PageJudge judge) {
        this.page = page;
        this.expected = expected;
        this.judge = judge;
    }

    PageAdapter page() {
        return page;
    }

    PageDesign.DeweyIds deweyIds() {
        return expected.deweyIds();
    }

    boolean keepsDeweyIds() {
        return expected.keepsDeweyIds();
    }

    /** Runs {@code call}, failing with the model's sentence when it broke a rule. */
    PageJudge.Judged call(String when, PageCall call) {
        return judged(when, judge.call(expected, page, call));
    }

    /** A write, judged; remembered for read-back when it took effect. */
    PageJudge.Judged write(boolean deweyIdArea, int slot, byte[] data) {
        PageJudge.Judged judged = call("a write", PageCall.write(deweyIdArea, slot, data));
        (deweyIdArea ? deweyIdSlots : recordSlots).add(slot);
        return judged;
    }

    void returnSegments(String when) {
        call(when, PageCall.of(PageCall.Kind.RETURN));
    }

    void clear(String when) {
        call(when, PageCall.of(PageCall.Kind.CLEAR));
    }

    void reset(String when, MemorySegment records, MemorySegment deweyIds) {
        judged(when, judge.reset(expected, page, records, deweyIds));
    }

    void racingReturns(String when) {
        judged(when, judge.racingReturns(expected, page));
    }

    /** Every slot written since creation reads back what the model expects (empty after a clear or reset). */
    void assertReadsBack(String when) {
        recordSlots.forEach(slot -> call(when, PageCall.read(false, slot)));
        deweyIdSlots.forEach(slot -> call(when, PageCall.read(true, slot)));
    }

    /** The page's own probe, never null. */
    List<MemorySegment> held() {
        return PageJudge.held(expected.name(), page);
    }

    /** True when the probe lists the memory of {@code segment}. */
    boolean holds(MemorySegment segment) {
        return page.heldSegments().stream().anyMatch(view -> ObservingAllocator.sameMemory(view, segment));
    }

    private PageJudge.Judged judged(String when, PageJudge.Judged judged) {
        judged.violation().ifPresent(violation -> fail(when + ": " + violation.kind() + ": " + violation.message(),
                judged.thrown()));
        return judged;
    }

    @Override
    public String toString() {
        return expected.name() + "(" + expected.deweyIds() + ")";
    }
}
