package io.segcheck.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a page class promises, declared by its author so segcheck checks that design and not its
 * own page's. Each field relaxes a check (nothing promised, nothing asserted) or adds one. The
 * ownership rules of {@link PageAdapter} hold whatever is declared.
 *
 * <p>Build one with {@link #builder(int, Resize)}; unset fields take segcheck's own page's choices
 * where they are the strict ones (clear writes no memory, reset takes segments) and the loosest
 * elsewhere (no DeweyIDs, no guards, only return and clear legal after return).
 *
 * @param slotCount record slots per page, and separately DeweyID slots; slots are {@code 0..slotCount-1}
 * @param deweyIds the ways a page may keep DeweyIDs ({@link PageFactory#create} takes one of them)
 * @param resize how an area grows when a write does not fit, and where it stops
 * @param clearWritesMemory whether {@code clear} may write the page's held segments (it never may after a return)
 * @param reset whether {@code reset} takes segments from segcheck or leases its own
 * @param legalAfterReturn the calls that return normally on a returned page; every other call
 *     throws {@link IllegalStateException} there and changes nothing
 * @param guards whether the page has guards ({@link PageAdapter#guard})
 */
public record PageDesign(int slotCount, Set<DeweyIds> deweyIds, Resize resize, boolean clearWritesMemory,
                         Reset reset, Set<Call> legalAfterReturn, boolean guards) {

    /** How a page keeps its DeweyIDs. */
    public enum DeweyIds {
        /** It keeps none; the DeweyID calls throw {@link IllegalStateException}. */
        NONE,
        /** Records and DeweyIDs live in one segment, which a resize of either area replaces for both. */
        SHARED,
        /** DeweyIDs have a segment of their own. */
        SEPARATE
    }

    /** How {@code reset} comes by the segments of the page's next life. */
    public enum Reset {
        /** segcheck leases them from the page's allocator and hands them over; the page now owns them. */
        TAKES_SEGMENTS,
        /** The page leases its own from the allocator it was built on. */
        ALLOCATES_OWN
    }

    /** The calls of {@link PageAdapter} whose legality after a return a design declares. */
    public enum Call {
        WRITE, READ, CLEAR, RETURN, RESET, GUARD
    }

    /**
     * The resize policy of one area (records, DeweyIDs, or the shared segment).
     *
     * @param growthPercent a resized area's new segment is at least this percent of the old one
     *     (or what the write needs, if more), up to the maximum; above 100
     * @param maxAreaBytes the largest segment an area may hold
     * @param refusal what a write that would need more than {@code maxAreaBytes} throws; the page
     *     is unchanged afterwards and keeps no lease it took (a scratch lease given back is fine)
     */
    public record Resize(int growthPercent, long maxAreaBytes, Class<? extends RuntimeException> refusal) {
        public Resize {
            Objects.requireNonNull(refusal, "refusal");
            if (refusal == RuntimeException.class) {
                throw new IllegalArgumentException("refusal=RuntimeException would take every failure for a refusal;"
                        + " name the exception the page throws past its maximum");
            }
            if (growthPercent <= 100) {
                throw new IllegalArgumentException("growthPercent=" + growthPercent + " must be > 100");
            }
            if (maxAreaBytes <= 0) {
                throw new IllegalArgumentException("maxAreaBytes=" + maxAreaBytes + " must be > 0");
            }
        }

        /** The least size a resize of a {@code oldBytes} area must reach when the write needs no more. */
        public long leastGrownBytes(long oldBytes) {
            return Math.min(maxAreaBytes, oldBytes * growthPercent / 100);
        }
    }

    public PageDesign {
        // Enum order, so describe() prints the same line in every JVM (Set.copyOf's order is salted).
        deweyIds = Collections.unmodifiableSet(deweyIds.isEmpty() ? EnumSet.noneOf(DeweyIds.class)
                : EnumSet.copyOf(deweyIds));
        legalAfterReturn = Collections.unmodifiableSet(legalAfterReturn.isEmpty() ? EnumSet.noneOf(Call.class)
                : EnumSet.copyOf(legalAfterReturn));
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(reset, "reset");
        if (slotCount <= 0) {
            throw new IllegalArgumentException("slotCount=" + slotCount + " must be > 0");
        }
        if (deweyIds.isEmpty()) {
            throw new IllegalArgumentException("deweyIds is empty; declare at least NONE");
        }
    }

    /** A builder starting from the defaults above. */
    public static Builder builder(int slotCount, Resize resize) {
        return new Builder(slotCount, resize);
    }

    /** Whether the record and DeweyID areas may share one segment. */
    public boolean mayShareSegment() {
        return deweyIds.contains(DeweyIds.SHARED);
    }

    /** Whether {@code call} returns normally on a returned page. */
    public boolean legalAfterReturn(Call call) {
        return legalAfterReturn.contains(call);
    }

    /** One {@code key=value} line per field, for the settings a run prints first. */
    public String describe() {
        return "slotCount=" + slotCount + " deweyIds=" + deweyIds + " resize.growthPercent=" + resize.growthPercent()
                + " resize.maxAreaBytes=" + resize.maxAreaBytes() + " resize.refusal="
                + resize.refusal().getSimpleName() + " clearWritesMemory=" + clearWritesMemory + " reset=" + reset
                + " legalAfterReturn=" + legalAfterReturn + " guards=" + guards;
    }

    /** Sets one field at a time; {@link #build()} validates the whole. */
    public static final class Builder {
        private final int slotCount;
        private final Resize resize;
        private Set<DeweyIds> deweyIds = EnumSet.of(DeweyIds.NONE);
        private boolean clearWritesMemory;
        private Reset reset = Reset.TAKES_SEGMENTS;
        private Set<Call> legalAfterReturn = EnumSet.of(Call.RETURN, Call.CLEAR);
        private boolean guards;

        private Builder(int slotCount, Resize resize) {
            this.slotCount = slotCount;
            this.resize = resize;
        }

        public Builder deweyIds(Set<DeweyIds> value) {
            this.deweyIds = value;
            return this;
        }

        public Builder clearWritesMemory(boolean value) {
            this.clearWritesMemory = value;
            return this;
        }

        public Builder reset(Reset value) {
            this.reset = value;
            return this;
        }

        public Builder legalAfterReturn(Set<Call> value) {
            this.legalAfterReturn = value;
            return this;
        }

        public Builder guards(boolean value) {
            this.guards = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is inconsistent */
        public PageDesign build() {
            return new PageDesign(slotCount, deweyIds, resize, clearWritesMemory, reset, legalAfterReturn, guards);
        }
    }
}
