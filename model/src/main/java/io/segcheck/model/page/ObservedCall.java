package io.segcheck.model.page;

import java.util.List;
import java.util.Objects;

/**
 * What a checker saw of one call on a real page: how it ended, the segments the page's probe
 * claimed before and after it, and what the allocator saw while it ran. The model judges the call
 * by this alone, never by the page's fields. Build one with {@link #of(PageCall)} and the
 * {@code with} methods; unset fields are empty.
 *
 * @param value what the call returned (a read's bytes), or null
 * @param thrown what the call threw, or null when it returned normally
 * @param touchedReleased the call was refused by the JDK because it touched a released segment
 * @param injectedFailure the call failed because the checker made one of its allocations fail
 * @param heldBefore the page's probe just before the call
 * @param heldAfter the page's probe just after it
 * @param leasesTaken how many leases the allocator handed out during the call
 * @param releases how many releases the allocator took during the call
 * @param releasedWhileHeld segments released during a write while the page's probe still claimed
 *     them (seen by the allocator at the moment of the release)
 * @param liveAfter the allocator's live leases after the call
 * @param contentsBefore the bytes of each held segment before a clear (same order as {@code heldBefore}); empty otherwise
 * @param contentsAfter the bytes of each held segment after a clear (same order as {@code heldAfter}); empty otherwise
 * @param given the segments the checker handed to a reset; empty otherwise
 */
public record ObservedCall(PageCall call, Object value, RuntimeException thrown, boolean touchedReleased,
                           boolean injectedFailure, List<SegmentRef> heldBefore, List<SegmentRef> heldAfter,
                           long leasesTaken, long releases, List<SegmentRef> releasedWhileHeld, List<SegmentRef> liveAfter,
                           List<byte[]> contentsBefore, List<byte[]> contentsAfter, List<SegmentRef> given) {

    public ObservedCall {
        Objects.requireNonNull(call, "call");
        heldBefore = List.copyOf(heldBefore);
        heldAfter = List.copyOf(heldAfter);
        releasedWhileHeld = List.copyOf(releasedWhileHeld);
        liveAfter = List.copyOf(liveAfter);
        contentsBefore = List.copyOf(contentsBefore);
        contentsAfter = List.copyOf(contentsAfter);
        given = List.copyOf(given);
    }

    /** A call that returned normally with nothing else seen yet. */
    public static ObservedCall of(PageCall call) {
        return new ObservedCall(call, null, null, false, false, List.of(), List.of(), 0, 0, List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    public ObservedCall returned(Object newValue) {
        return new ObservedCall(call, newValue, null, false, false, heldBefore, heldAfter, leasesTaken, releases,
                releasedWhileHeld, liveAfter, contentsBefore, contentsAfter, given);
    }

    /** The call threw {@code failure}; {@code touched}: the JDK's refusal of a released segment; {@code injected}: the checker's failing allocation. */
    public ObservedCall threw(RuntimeException failure, boolean touched, boolean injected) {
        return new ObservedCall(call, null, Objects.requireNonNull(failure, "failure"), touched, injected, heldBefore,
                heldAfter, leasesTaken, releases, releasedWhileHeld, liveAfter, contentsBefore, contentsAfter, given);
    }

    public ObservedCall held(List<SegmentRef> before, List<SegmentRef> after) {
        return new ObservedCall(call, value, thrown, touchedReleased, injectedFailure, before, after, leasesTaken, releases,
                releasedWhileHeld, liveAfter, contentsBefore, contentsAfter, given);
    }

    public ObservedCall allocator(long taken, long released, List<SegmentRef> releasedWhileStillHeld,
            List<SegmentRef> live) {
        return new ObservedCall(call, value, thrown, touchedReleased, injectedFailure, heldBefore, heldAfter, taken,
                released, releasedWhileStillHeld, live, contentsBefore, contentsAfter, given);
    }

    public ObservedCall contents(List<byte[]> before, List<byte[]> after) {
        return new ObservedCall(call, value, thrown, touchedReleased, injectedFailure, heldBefore, heldAfter,
                leasesTaken, releases, releasedWhileHeld, liveAfter, before, after, given);
    }

    public ObservedCall given(List<SegmentRef> handedOver) {
        return new ObservedCall(call, value, thrown, touchedReleased, injectedFailure, heldBefore, heldAfter,
                leasesTaken, releases, releasedWhileHeld, liveAfter, contentsBefore, contentsAfter, handedOver);
    }

    public boolean threw() {
        return thrown != null;
    }
}
