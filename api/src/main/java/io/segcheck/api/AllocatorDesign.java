package io.segcheck.api;

import java.util.List;
import java.util.Objects;

/**
 * What an allocator promises, declared by its author so segcheck checks that design and not its
 * own. Every field either relaxes a check (nothing is promised, so nothing is asserted) or adds
 * one (the promise is checked on every call). The safety properties hold whatever is declared: no
 * byte range leased to two owners at once, nothing written after a release visible to the next
 * owner, a released segment reusable, nothing leaked at quiesce, exhaustion only when the declared
 * accounting allows it.
 *
 * <p>Build one with {@link #builder(List)}; unset fields take the loosest choice (no reuse order,
 * no zeroing, no quarantine, no accounting, no unmapping, no guard views) except the ones that
 * every well-behaved allocator offers: typed rejection of a bad release, views of a lease refused,
 * bad sizes (oversized ones included) refused with {@code IllegalArgumentException}, and a closed state.
 *
 * @param sizeClassesBytes the segment sizes, smallest first; {@code allocate(n)} returns a segment of
 *     exactly the smallest class {@code >= n}; {@code n} outside {@code 1..largest} is refused as
 *     {@code badSizeSignal} says, or served as {@code oversizeRequests} says when above the largest
 * @param reuseOrder which free segment of a class is handed out next
 * @param zeroed whether every segment {@code allocate} returns is all zero, fresh or recycled
 * @param rejectedRelease how a release of something the caller does not own is refused
 * @param quarantineSlices 0 for none; else released segments wait in one FIFO of this many before
 *     reuse, so an address released less than this many releases ago is never handed out
 * @param accounting how memory is counted against a budget, which decides when exhaustion is legal
 * @param unmapsFreeRegions whether a fully free region is given back to serve another class under
 *     budget pressure (only meaningful with {@link Accounting.RegionsPerClass})
 * @param closedState whether calls after {@code close()} throw {@code IllegalStateException} and
 *     every segment handed out throws on access afterwards
 * @param guardViews whether access through a released segment throws {@code IllegalStateException}
 * @param viewRelease what a release through a same-address, same-size view of a live lease does
 * @param oversizeRequests what {@code allocate(n)} does for {@code n} above the largest class
 * @param badSizeSignal how {@code allocate} signals a request it refuses for its size
 */
public record AllocatorDesign(List<Integer> sizeClassesBytes, ReuseOrder reuseOrder, boolean zeroed,
                             RejectedRelease rejectedRelease, int quarantineSlices, Accounting accounting,
                             boolean unmapsFreeRegions, boolean closedState, boolean guardViews,
                             ViewRelease viewRelease, OversizeRequests oversizeRequests, BadSizeSignal badSizeSignal) {

    /** Which free segment of a class {@code allocate} hands out next. */
    public enum ReuseOrder {
        /** The most recently released first (a stack; cache-warm). */
        LIFO,
        /** The longest released first (a queue). */
        FIFO,
        /** No promise: any free segment of the class. */
        UNSPECIFIED
    }

    /** How {@code release} refuses a segment the caller does not own. */
    public enum RejectedRelease {
        /** {@link SegmentOwnershipException} with its kind ({@code DOUBLE_RELEASE}, {@code FOREIGN}, {@code STALE}). */
        TYPED_EXCEPTION,
        /** Returns normally and changes nothing: no counter moves and the current owner keeps its lease. */
        SILENT_NO_OP,
        /**
         * Never validated: releasing anything but a live lease's own instance (or, with
         * {@link ViewRelease#ENDS_LEASE}, a view of it) is the caller's bug with undefined results,
         * so segcheck makes no such release and checks no refusal. Releases of live leases and every
         * other promise are checked as usual.
         */
        NOT_VALIDATED
    }

    /** What a release through a view of a live lease (same address, same size, another instance) does. */
    public enum ViewRelease {
        /** Refused like any segment that is not the lease's own instance (as {@code STALE} or {@code FOREIGN}). */
        REFUSED,
        /**
         * Ends that lease, as a release of the lease's own instance would: a view made by
         * {@code asSlice(0)}, {@code asReadOnly()} or {@code reinterpret(byteSize())} of the live
         * lease. Still refused as declared by {@link RejectedRelease}: a slice of another size (an
         * offset-0 sub-slice must never free the whole lease), a view of a lease already released
         * or leased again, a segment of the same address that was never derived from the lease.
         */
        ENDS_LEASE
    }

    /** What {@code allocate(n)} does for {@code n} above the largest class. */
    public enum OversizeRequests {
        /** Refused as a bad size ({@link BadSizeSignal}). */
        REFUSED,
        /**
         * Served outside the classes: a segment of at least {@code n} bytes, disjoint from every
         * live lease, that {@code release} takes back; no counter of {@code stats()} and not the
         * reuse order cover it.
         */
        SERVED_OUTSIDE_CLASSES
    }

    /** How {@code allocate} refuses a request for its size ({@code n <= 0}, or above the largest class when refused). */
    public enum BadSizeSignal {
        /** {@code IllegalArgumentException}, always. */
        ILLEGAL_ARGUMENT,
        /**
         * {@code AssertionError} from a Java {@code assert}, when assertions are enabled for the
         * allocator's class ({@code -ea}); with them disabled a bad size is the caller's bug with
         * undefined results, and segcheck makes no such request.
         */
        ASSERTION_ERROR
    }

    /** How memory is counted against a budget. */
    public sealed interface Accounting {

        /**
         * Memory is mapped in regions of {@code regionBytes}, each serving one class, while the mapped
         * bytes stay within {@code budgetBytes}: exhaustion is legal only when the class has no free
         * segment and one more region would exceed the budget.
         */
        record RegionsPerClass(long regionBytes, long budgetBytes) implements Accounting {
            public RegionsPerClass {
                if (regionBytes <= 0 || budgetBytes < regionBytes) {
                    throw new IllegalArgumentException("regionBytes=" + regionBytes + " budgetBytes=" + budgetBytes
                            + ": need 0 < regionBytes <= budgetBytes");
                }
            }
        }

        /**
         * Leased (and, with a quarantine, quarantined) bytes stay within {@code budgetBytes}: exhaustion
         * is legal only when one more segment of the class would exceed it.
         */
        record ByteBudget(long budgetBytes) implements Accounting {
            public ByteBudget {
                if (budgetBytes <= 0) {
                    throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " must be > 0");
                }
            }
        }

        /** No budget: exhaustion is never legal. */
        record None() implements Accounting {
        }
    }

    public AllocatorDesign {
        sizeClassesBytes = List.copyOf(sizeClassesBytes);
        Objects.requireNonNull(reuseOrder, "reuseOrder");
        Objects.requireNonNull(rejectedRelease, "rejectedRelease");
        Objects.requireNonNull(accounting, "accounting");
        Objects.requireNonNull(viewRelease, "viewRelease");
        Objects.requireNonNull(oversizeRequests, "oversizeRequests");
        Objects.requireNonNull(badSizeSignal, "badSizeSignal");
        checkClasses(sizeClassesBytes);
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
        if (unmapsFreeRegions && !(accounting instanceof Accounting.RegionsPerClass)) {
            throw new IllegalArgumentException("unmapsFreeRegions=true needs accounting=RegionsPerClass, got "
                    + accounting);
        }
        if (accounting instanceof Accounting.RegionsPerClass regions
                && regions.regionBytes() < sizeClassesBytes.getLast()) {
            throw new IllegalArgumentException("regionBytes=" + regions.regionBytes()
                    + " must hold at least one segment of the largest class " + sizeClassesBytes.getLast());
        }
    }

    private static void checkClasses(List<Integer> sizes) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("sizeClassesBytes is empty; declare at least one class");
        }
        for (int index = 0; index < sizes.size(); index++) {
            int size = sizes.get(index);
            if (size <= 0 || (index > 0 && size <= sizes.get(index - 1))) {
                throw new IllegalArgumentException("sizeClassesBytes=" + sizes
                        + " must be positive and strictly increasing; bad at index=" + index);
            }
        }
    }

    /** A builder starting from the loosest design over {@code sizeClassesBytes}. */
    public static Builder builder(List<Integer> sizeClassesBytes) {
        return new Builder(sizeClassesBytes);
    }

    /** The largest class in bytes: the largest request {@code allocate} accepts. */
    public int maxClassBytes() {
        return sizeClassesBytes.getLast();
    }

    /** Whether the allocator checks a release at all (it refuses what it must, typed or silently). */
    public boolean validatesReleases() {
        return rejectedRelease != RejectedRelease.NOT_VALIDATED;
    }

    /** Whether {@code allocate(requestBytes)} is refused for its size under this design. */
    public boolean refusesSize(long requestBytes) {
        return requestBytes <= 0 || requestBytes > maxClassBytes() && oversizeRequests == OversizeRequests.REFUSED;
    }

    /** Whether {@code allocate(requestBytes)} is served outside the classes (above the largest, declared served). */
    public boolean servesOutsideClasses(long requestBytes) {
        return requestBytes > maxClassBytes() && oversizeRequests == OversizeRequests.SERVED_OUTSIDE_CLASSES;
    }

    /** The index of the smallest class that holds {@code requestBytes}, or -1 when the request is invalid. */
    public int classIndexFor(long requestBytes) {
        if (requestBytes <= 0) {
            return -1;
        }
        for (int index = 0; index < sizeClassesBytes.size(); index++) {
            if (requestBytes <= sizeClassesBytes.get(index)) {
                return index;
            }
        }
        return -1;
    }

    /** The index of the class of exactly {@code sizeBytes}, or -1. */
    public int classIndexOfSize(long sizeBytes) {
        for (int index = 0; index < sizeClassesBytes.size(); index++) {
            if (sizeClassesBytes.get(index) == sizeBytes) {
                return index;
            }
        }
        return -1;
    }

    /** Every field as {@code key=value}, one line, for the design a run prints first. */
    public String describe() {
        return "sizeClassesBytes=" + sizeClassesBytes + " reuseOrder=" + reuseOrder + " zeroed=" + zeroed
                + " rejectedRelease=" + rejectedRelease + " quarantineSlices=" + quarantineSlices
                + " accounting=" + accounting + " unmapsFreeRegions=" + unmapsFreeRegions
                + " closedState=" + closedState + " guardViews=" + guardViews + " viewRelease=" + viewRelease
                + " oversizeRequests=" + oversizeRequests + " badSizeSignal=" + badSizeSignal;
    }

    /** Sets one field at a time; {@link #build()} validates the whole. */
    public static final class Builder {
        private final List<Integer> sizeClassesBytes;
        private ReuseOrder reuseOrder = ReuseOrder.UNSPECIFIED;
        private boolean zeroed;
        private RejectedRelease rejectedRelease = RejectedRelease.TYPED_EXCEPTION;
        private int quarantineSlices;
        private Accounting accounting = new Accounting.None();
        private boolean unmapsFreeRegions;
        private boolean closedState = true;
        private boolean guardViews;
        private ViewRelease viewRelease = ViewRelease.REFUSED;
        private OversizeRequests oversizeRequests = OversizeRequests.REFUSED;
        private BadSizeSignal badSizeSignal = BadSizeSignal.ILLEGAL_ARGUMENT;

        private Builder(List<Integer> sizeClassesBytes) {
            this.sizeClassesBytes = List.copyOf(sizeClassesBytes);
        }

        public Builder reuseOrder(ReuseOrder value) {
            this.reuseOrder = value;
            return this;
        }

        public Builder zeroed(boolean value) {
            this.zeroed = value;
            return this;
        }

        public Builder rejectedRelease(RejectedRelease value) {
            this.rejectedRelease = value;
            return this;
        }

        public Builder quarantineSlices(int value) {
            this.quarantineSlices = value;
            return this;
        }

        public Builder accounting(Accounting value) {
            this.accounting = value;
            return this;
        }

        public Builder unmapsFreeRegions(boolean value) {
            this.unmapsFreeRegions = value;
            return this;
        }

        public Builder closedState(boolean value) {
            this.closedState = value;
            return this;
        }

        public Builder guardViews(boolean value) {
            this.guardViews = value;
            return this;
        }

        public Builder viewRelease(ViewRelease value) {
            this.viewRelease = value;
            return this;
        }

        public Builder oversizeRequests(OversizeRequests value) {
            this.oversizeRequests = value;
            return this;
        }

        public Builder badSizeSignal(BadSizeSignal value) {
            this.badSizeSignal = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is inconsistent */
        public AllocatorDesign build() {
            return new AllocatorDesign(sizeClassesBytes, reuseOrder, zeroed, rejectedRelease, quarantineSlices,
                    accounting, unmapsFreeRegions, closedState, guardViews, viewRelease, oversizeRequests,
                    badSizeSignal);
        }
    }
}
