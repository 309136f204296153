package io.segcheck.kit;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.model.Violation;
import io.segcheck.model.page.ExpectedPage;
import io.segcheck.model.page.ObservedCall;
import io.segcheck.model.page.PageCall;
import io.segcheck.model.page.PageDesignModel;
import io.segcheck.model.page.SegmentRef;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one call on a team's page and lets the page-design model ({@link PageDesignModel}) judge
 * it: the page's probe before and after, the leases the {@link ObservingAllocator} handed out
 * during the call, every release inside a write of a segment the page still claimed at that moment
 * (how a resize that releases before it publishes is seen), the held bytes around a clear, and how
 * the call ended. The contract kit, the page sweep and the page simulator all call pages through
 * one of these, so the design is judged in one place. Ownership across pages (every claim a live
 * lease of one page, every lease claimed) stays with {@link PageOracle}.
 */
public final class PageJudge {

    /**
     * One judged call.
     *
     * @param seen what was observed (value, throw, segments), for checkers that count resizes
     * @param violation the first rule the call broke, per the model
     */
    public record Judged(ObservedCall seen, Optional<Violation> violation) {

        public Object value() {
            return seen.value();
        }

        public RuntimeException thrown() {
            return seen.thrown();
        }

        /** Whether the write replaced a segment (a resize). */
        public boolean replacedASegment() {
            return seen.heldBefore().stream().anyMatch(segment -> !seen.heldAfter().contains(segment));
        }
    }

    private final ObservingAllocator observer;
    private final PageDesignModel model;
    private final Predicate<RuntimeException> injected;
    private final List<SegmentRef> releasedWhileHeld = Collections.synchronizedList(new ArrayList<>());
    /** The page whose write is running: a release inside it must be of a segment it no longer claims. */
    private volatile PageAdapter writing;

    /**
     * @param injected whether a throw is the checker's own failing allocation (the simulator's), not the page's
     */
    public PageJudge(ObservingAllocator observer, PageDesign design, Predicate<RuntimeException> injected) {
        this.observer = observer;
        this.model = new PageDesignModel(design);
        this.injected = injected;
        observer.beforeEveryRelease(this::beforeRelease);
    }

    public PageDesignModel model() {
        return model;
    }

    public ObservingAllocator observer() {
        return observer;
    }

    /** Runs {@code call} (not a reset) on {@code page} and judges it against {@code expected}. */
    public Judged call(ExpectedPage expected, PageAdapter page, PageCall call) {
        return observe(expected, page, call, List.of(), () -> switch (call.kind()) {
            case WRITE_RECORD -> {
                page.writeRecord(call.slot(), call.data());
                yield null;
            }
            case WRITE_DEWEY_ID -> {
                page.writeDeweyId(call.slot(), call.data());
                yield null;
            }
            case READ_RECORD -> page.readRecord(call.slot());
            case READ_DEWEY_ID -> page.readDeweyId(call.slot());
            case CLEAR -> {
                page.clear();
                yield null;
            }
            case RETURN -> {
                page.returnSegments();
                yield null;
            }
            case GUARD -> page.guard();
            case RESET -> throw new IllegalArgumentException("a reset needs its segments: use reset(...)");
        });
    }

    /** Resets {@code page} with {@code records} and {@code deweyIds} (null when the design allocates its own). */
    public Judged reset(ExpectedPage expected, PageAdapter page, MemorySegment records, MemorySegment deweyIds) {
        List<SegmentRef> given = new ArrayList<>();
        for (MemorySegment segment : new MemorySegment[] {records, deweyIds}) {
            if (segment != null && !given.contains(ref(segment))) {
                given.add(ref(segment));
            }
        }
        return observe(expected, page, PageCall.of(PageCall.Kind.RESET), given, () -> {
            page.reset(records, deweyIds);
            return null;
        });
    }

    /** Two returns racing as {@link ReturnRace} schedules them, judged as one return. */
    public Judged racingReturns(ExpectedPage expected, PageAdapter page) {
        return observe(expected, page, PageCall.of(PageCall.Kind.RETURN), List.of(), () -> {
            new ReturnRace(observer, page).run();
            return null;
        });
    }

    private Judged observe(ExpectedPage expected, PageAdapter page, PageCall call, List<SegmentRef> given,
            Supplier<Object> run) {
        List<MemorySegment> before = held(expected.name(), page);
        List<byte[]> contentsBefore = call.kind() == PageCall.Kind.CLEAR ? contents(before) : List.of();
        long allocations = observer.allocations();
        long releases = observer.releases();
        releasedWhileHeld.clear();
        writing = call.isWrite() ? page : null;
        Object value = null;
        RuntimeException thrown = null;
        try {
            value = run.get();
        } catch (RuntimeException failure) {
            thrown = failure;
        } finally {
            writing = null;
        }
        List<MemorySegment> after = held(expected.name(), page);
        ObservedCall seen = ObservedCall.of(call).held(refs(before), refs(after))
                .allocator(observer.allocations() - allocations, observer.releases() - releases, List.copyOf(releasedWhileHeld), refs(observer.liveLeases()))
                .given(given);
        if (call.kind() == PageCall.Kind.CLEAR) {
            seen = seen.contents(contentsBefore, contents(after));
        }
        seen = thrown == null ? seen.returned(value)
                : seen.threw(thrown, PageOracle.touchedReleasedMemory(thrown), injected.test(thrown));
        return new Judged(seen, expected.judge(seen));
    }

    private void beforeRelease(MemorySegment released) {
        PageAdapter page = writing;
        if (page != null && released != null
                && page.heldSegments().stream().anyMatch(view -> ObservingAllocator.sameMemory(view, released))) {
            releasedWhileHeld.add(ref(released));
        }
    }

    /** The page's probe, never null. */
    static List<MemorySegment> held(String name, PageAdapter page) {
        List<MemorySegment> held = page.heldSegments();
        if (held == null) {
            throw new NullPointerException(name + ": heldSegments() returned null");
        }
        return List.copyOf(held);
    }

    public static SegmentRef ref(MemorySegment segment) {
        return new SegmentRef(segment.address(), segment.byteSize());
    }

    public static List<SegmentRef> refs(List<MemorySegment> segments) {
        return segments.stream().map(PageJudge::ref).toList();
    }

    /** A heap copy of each segment's bytes; none when one was released already (the oracle names that). */
    private static List<byte[]> contents(List<MemorySegment> segments) {
        List<byte[]> copies = new ArrayList<>();
        try {
            for (MemorySegment segment : segments) {
                copies.add(segment.toArray(ValueLayout.JAVA_BYTE));
            }
        } catch (IllegalStateException released) {
            return List.of();
        }
        return copies;
    }
}
