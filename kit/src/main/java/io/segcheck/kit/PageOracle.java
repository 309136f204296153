package io.segcheck.kit;

import io.segcheck.api.PageAdapter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.segcheck.kit.ObservingAllocator.describe;
import static io.segcheck.kit.ObservingAllocator.sameMemory;

/**
 * The ownership oracle over pages on one {@link ObservingAllocator}, judging them by what the
 * allocator saw, never by their fields: nothing released twice or released unleased (the
 * allocator recorded it); every segment a holder claims is a live lease, claimed by no one else;
 * every live lease is claimed by some holder. The page contract, the page sweep, the page
 * simulator and the generated page scenarios all ask it; what a page's design promises beyond
 * ownership is the page-design model's ({@link PageJudge}).
 */
public final class PageOracle {

    /** Who claims which segments now: a page's probe, or a checker holding leases it will hand over. */
    public record Holder(String name, List<MemorySegment> held) {
        public Holder {
            held = List.copyOf(held);
        }

        /** The page's own probe as a holder. */
        public static Holder of(String name, PageAdapter page) {
            List<MemorySegment> held = page.heldSegments();
            if (held == null) {
                throw new NullPointerException(name + ": heldSegments() returned null");
            }
            return new Holder(name, held);
        }
    }

    private PageOracle() {
    }

    /** The first broken rule, or empty when the allocator and the holders agree. */
    public static Optional<OwnershipFinding> check(ObservingAllocator observer, List<Holder> holders) {
        List<OwnershipFinding> recorded = observer.violations();
        if (!recorded.isEmpty()) {
            return Optional.of(recorded.getFirst());
        }
        List<MemorySegment> claimed = new ArrayList<>();
        List<String> claimants = new ArrayList<>();
        for (Holder holder : holders) {
            for (MemorySegment segment : holder.held()) {
                if (!observer.isLeased(segment)) {
                    return finding(OwnershipFinding.Kind.USE_AFTER_RELEASE, holder.name() + " holds " + describe(segment)
                            + ", which is not a live lease of the allocator it was built on (released, or never leased)");
                }
                int other = indexOfMemory(claimed, segment);
                if (other >= 0) {
                    return finding(OwnershipFinding.Kind.SHARED_LEASE, describe(segment) + " is held by "
                            + holder.name() + " and by " + claimants.get(other));
                }
                claimed.add(segment);
                claimants.add(holder.name());
            }
        }
        for (MemorySegment lease : observer.liveLeases()) {
            if (indexOfMemory(claimed, lease) < 0) {
                return finding(OwnershipFinding.Kind.LEAK, describe(lease) + " is leased but no page holds it (a leak)");
            }
        }
        return Optional.empty();
    }

    /** True when {@code failure} is the JDK refusing an access through a released (closed) view. */
    public static boolean touchedReleasedMemory(RuntimeException failure) {
        return LeaseWorld.isClosedScope(failure);
    }

    static int indexOfMemory(List<MemorySegment> segments, MemorySegment segment) {
        for (int index = 0; index < segments.size(); index++) {
            if (sameMemory(segments.get(index), segment)) {
                return index;
            }
        }
        return -1;
    }

    private static Optional<OwnershipFinding> finding(OwnershipFinding.Kind kind, String message) {
        return Optional.of(new OwnershipFinding(kind, message));
    }
}
