package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One allocator from a user's factory, with what the concurrency bases (Fray, JCStress) need to
 * check ownership around a race: leases of the largest class stamped with their owner's mark,
 * release outcomes as words, and the checks of a quiet moment (no call in flight): no byte range
 * held by two live leases, every owner's mark intact, the known counters equal to the leases held,
 * no new lease overlapping a live one, and nothing counted once everything is released.
 *
 * <p>The allocator is built with guard mode off, a 64 MiB budget and regions of one largest
 * segment, so a released segment is handed out again at once, oldest-first pools included, and a
 * release racing a reusing allocate is a real race.
 */
public final class LeaseWorld implements AutoCloseable {

    /** A call that completed. */
    public static final String OK = "ok";
    /** An access through a segment whose scope was closed (after release in guard mode, or after close). */
    public static final String CLOSED_SCOPE = "CLOSED_SCOPE";
    /** The API's refusal of a call on a closed allocator. */
    public static final String ILLEGAL_STATE = "ILLEGAL_STATE";

    /** A leased segment and the mark its owner wrote at its first and last eight bytes. */
    public record Lease(MemorySegment segment, long mark) {

        long end() {
            return segment.address() + segment.byteSize();
        }

        boolean overlaps(Lease other) {
            return segment.address() < other.end() && other.segment.address() < end();
        }

        /** Address, size and mark, for messages. */
        public String describe() {
            return "0x" + Long.toHexString(segment.address()) + "+" + segment.byteSize() + " (mark " + mark + ")";
        }
    }

    private final OffHeapAllocator allocator;
    private final AllocatorDesign design;
    private final int classBytes;

    /** A new allocator of {@code factory}, warmed up (one lease and release, outside any race). */
    public LeaseWorld(AllocatorFactory factory) {
        AllocatorSettings settings = settings(factory);
        this.design = factory.design(settings);
        this.allocator = factory.create(settings);
        this.classBytes = design.maxClassBytes();
        allocator.release(allocator.allocate(classBytes));
    }

    /** The settings the bases build allocators with: guard mode off, 64 MiB, regions of one largest segment. */
    public static AllocatorSettings settings(AllocatorFactory factory) {
        AllocatorSettings roomy = AllocatorSettings.roomy().withGuardMode(false).withBudgetBytes(64L << 20);
        return roomy.withRegionBytes(factory.design(roomy).maxClassBytes());
    }

    public OffHeapAllocator allocator() {
        return allocator;
    }

    public AllocatorDesign design() {
        return design;
    }

    /**
     * Leases a segment of the largest class and stamps {@code mark} into it. A zeroing design must
     * hand out zeros where earlier owners stamped theirs ({@link ViolationKind#NOT_ZEROED}); a refusal
     * throws as the allocator threw.
     */
    public Lease lease(long mark) {
        MemorySegment segment = allocator.allocate(classBytes);
        long head = segment.get(ValueLayout.JAVA_LONG, 0);
        long tail = segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - Long.BYTES);
        if (design.zeroed() && (head != 0 || tail != 0)) {
            throw new OwnershipViolation(ViolationKind.NOT_ZEROED, "a new lease at 0x" + Long.toHexString(segment.address())
                    + " holds mark " + (head != 0 ? head : tail) + " of a previous owner");
        }
        segment.set(ValueLayout.JAVA_LONG, 0, mark);
        segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - Long.BYTES, mark);
        return new Lease(segment, mark);
    }

    /** Releases {@code segment} and names how it ended: {@link #OK}, or the refusal (see {@link #outcomeOf}). */
    public String release(MemorySegment segment) {
        return outcomeOf(() -> allocator.release(segment));
    }

    /**
     * Whether {@code outcome}, the outcome of a release the caller did not own, is the refusal the
     * design declares: one of {@code kinds} for typed refusals, a silent return for a silent no-op.
     */
    public boolean refusedAsDeclared(String outcome, SegmentOwnershipException.Kind... kinds) {
        if (design.rejectedRelease() == AllocatorDesign.RejectedRelease.SILENT_NO_OP) {
            return outcome.equals(OK);
        }
        return Arrays.stream(kinds).anyMatch(kind -> kind.name().equals(outcome));
    }

    /** The owner's mark must still be at both ends of its lease. */
    public void checkMark(Lease lease) {
        long head = lease.segment().get(ValueLayout.JAVA_LONG, 0);
        long tail = lease.segment().get(ValueLayout.JAVA_LONG, lease.segment().byteSize() - Long.BYTES);
        if (head != lease.mark() || tail != lease.mark()) {
            throw new OwnershipViolation(ViolationKind.ALIAS, "lease " + lease.describe() + " was overwritten while held: "
                    + "head=" + head + " tail=" + tail);
        }
    }

    /**
     * The checks of a quiet moment with {@code live} the leases still held: marks intact, no two
     * overlapping, the known counters equal to them ({@code fewerCounted} names a count below the
     * leases held: a release that ended a lease its owner holds), and two new leases that overlap
     * none of them (released again afterwards).
     */
    public void checkOwners(List<Lease> live, ViolationKind fewerCounted) {
        for (Lease lease : live) {
            checkMark(lease);
        }
        checkDisjoint(live, "live leases");
        checkCounted(live, fewerCounted);
        List<Lease> probed = new ArrayList<>(live);
        List<Lease> probes = new ArrayList<>();
        try {
            for (int probe = 0; probe < 2; probe++) {
                Lease next = lease(-1 - probe);
                probes.add(next);
                probed.add(next);
                checkDisjoint(probed, "a new lease after the race against the live ones");
            }
        } catch (AllocatorExhaustedException exhausted) {
            throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "a probe lease was refused in a 64 MiB budget with "
                    + live.size() + " leases held: " + exhausted.getMessage());
        } finally {
            for (Lease probe : probes) {
                allocator.release(probe.segment());
            }
        }
    }

    /**
     * Releases every lease in {@code live} (each release must be accepted: its owner holds it) and
     * checks that the known counters are back to 0.
     */
    public void releaseAllAndCheckNothingLeased(List<Lease> live) {
        for (Lease lease : live) {
            String outcome = release(lease.segment());
            if (!outcome.equals(OK)) {
                throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "the owner's release of " + lease.describe()
                        + " was refused: " + outcome);
            }
        }
        checkCounted(List.of(), ViolationKind.DOUBLE_RELEASE);
    }

    private void checkCounted(List<Lease> live, ViolationKind fewerCounted) {
        AllocatorStats stats = allocator.stats();
        long bytes = live.stream().mapToLong(lease -> lease.segment().byteSize()).sum();
        checkCounter("leasedSegments", stats.leasedSegments(), live.size(), fewerCounted);
        checkCounter("leasedBytes", stats.leasedBytes(), bytes, fewerCounted);
    }

    private static void checkCounter(String field, long counted, long held, ViolationKind fewerCounted) {
        if (counted == AllocatorStats.UNKNOWN || counted == held) {
            return;
        }
        throw new OwnershipViolation(counted > held ? ViolationKind.LEAK : fewerCounted, "stats " + field + "=" + counted
                + " but the leases held add up to " + held);
    }

    private static void checkDisjoint(List<Lease> leases, String what) {
        for (int index = 0; index < leases.size(); index++) {
            for (int other = index + 1; other < leases.size(); other++) {
                if (leases.get(index).overlaps(leases.get(other))) {
                    throw new OwnershipViolation(ViolationKind.ALIAS, what + ": " + leases.get(index).describe() + " and "
                            + leases.get(other).describe() + " share bytes");
                }
            }
        }
    }

    /** Closes the allocator (idempotent by the design's closed state; a second close is tolerated). */
    @Override
    public void close() {
        allocator.close();
    }

    /**
     * Runs {@code action} and names how it ended: {@link #OK}; the kind of a
     * {@link SegmentOwnershipException} ({@code DOUBLE_RELEASE}, {@code STALE}, {@code FOREIGN});
     * {@link #CLOSED_SCOPE} for the JDK refusing an access to a closed segment; {@link #ILLEGAL_STATE}
     * for the API's refusal; {@code EXHAUSTED}; else the exception's simple class name.
     */
    public static String outcomeOf(Runnable action) {
        try {
            action.run();
            return OK;
        } catch (RuntimeException failure) {
            return describe(failure);
        }
    }

    /** The outcome word of a call that threw {@code failure} (see {@link #outcomeOf}). */
    public static String describe(RuntimeException failure) {
        return switch (failure) {
            case SegmentOwnershipException refused -> refused.kind().name();
            case AllocatorExhaustedException exhausted -> "EXHAUSTED";
            case IllegalStateException state -> isClosedScope(state) ? CLOSED_SCOPE : ILLEGAL_STATE;
            default -> failure.getClass().getSimpleName();
        };
    }

    /**
     * True when {@code failure} is the JDK refusing an access to a segment whose scope (arena) was
     * closed, as opposed to an {@link IllegalStateException} an allocator throws as a refusal: the
     * JDK's is thrown from {@code jdk.internal.foreign} code before any frame of the caller's.
     */
    public static boolean isClosedScope(RuntimeException failure) {
        if (!(failure instanceof IllegalStateException)) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("jdk.internal.foreign.")) {
                return true;
            }
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                return false; // thrown by the allocator's (or the test's) code before any foreign-memory frame
            }
        }
        return false;
    }
}
