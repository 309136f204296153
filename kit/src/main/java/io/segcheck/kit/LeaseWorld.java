package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.AllocatorHistory;
import io.segcheck.model.AllocatorLinearizer;
import io.segcheck.model.AllocatorSnapshot;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.ModelConfig;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One allocator from a user's factory, with what the concurrency bases (Fray, JCStress) need to
 * check ownership around a race: leases of the largest class stamped with their owner's mark, and
 * every lease and release recorded with its result in an {@link AllocatorHistory}. The judge is the
 * allocator model, the same one the sweep and the simulator run in lockstep: at a quiet moment (no
 * call in flight) {@link #checkOwners} asks {@link AllocatorLinearizer} whether some order of the
 * recorded calls that respects real time fits the model under the declared design (grants that
 * overlap no live lease, releases accepted or refused as declared, the counters read at rest). What
 * the model does not see, the bytes, is checked here: a zeroing design's new lease holds zeros, and
 * an owner's mark is intact while it holds its lease.
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

    /**
     * A leased segment, the mark its owner wrote at its first and last eight bytes, and the
     * allocate call of the history that leased it.
     */
    public record Lease(MemorySegment segment, long mark, int call) {

        /** Address, size and mark, for messages. */
        public String describe() {
            return "0x" + Long.toHexString(segment.address()) + "+" + segment.byteSize() + " (mark " + mark + ")";
        }
    }

    private final OffHeapAllocator allocator;
    private final AllocatorDesign design;
    private final int classBytes;
    private final AllocatorHistory history = new AllocatorHistory();
    /** The allocate call that leased each segment instance handed out, by identity (a release names the instance). */
    private final Map<MemorySegment, Integer> leaseCalls = Collections.synchronizedMap(new IdentityHashMap<>());

    /** A new allocator of {@code factory}, warmed up (one lease and release, outside any race). */
    public LeaseWorld(AllocatorFactory factory) {
        AllocatorSettings settings = settings(factory);
        this.design = factory.design(settings);
        this.allocator = factory.create(settings);
        this.classBytes = design.maxClassBytes();
        release(lease(0).segment());
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
        long begun = history.begin();
        MemorySegment segment;
        try {
            segment = allocator.allocate(classBytes);
        } catch (RuntimeException refused) {
            history.refused(begun, classBytes, errorKind(describe(refused)));
            throw refused;
        }
        int call = history.granted(begun, classBytes, segment.address(), segment.byteSize());
        leaseCalls.put(segment, call);
        long head = segment.get(ValueLayout.JAVA_LONG, 0);
        long tail = segment.get(ValueLayout.JAVA_LONG, segment.byteSize() - Long.BYTES);
        if (design.zeroed() && (head != 0 || tail != 0)) {
            throw new OwnershipViolation(ViolationKind.NOT_ZEROED, "a new lease at 0x" + Long.toHexString(segment.address())
                    + " holds mark " + (head != 0 ? head : tail) + " of a previous owner");
        }
        segment.set(ValueLayout.JAVA_LONG, 0, mark);
        segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - Long.BYTES, mark);
        return new Lease(segment, mark, call);
    }

    /** Releases {@code segment} and names how it ended: {@link #OK}, or the refusal (see {@link #outcomeOf}). */
    public String release(MemorySegment segment) {
        Integer call = leaseCalls.get(segment);
        long begun = history.begin();
        String outcome = outcomeOf(() -> allocator.release(segment));
        history.released(begun, call == null ? -1 : call, errorKind(outcome));
        return outcome;
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
     * The checks of a quiet moment with {@code live} the leases their owners still hold: their marks
     * intact, two new leases (released again) that must overlap no live lease, and the model's
     * verdict on every call so far ({@link #judge}).
     */
    public void checkOwners(List<Lease> live) {
        for (Lease lease : live) {
            checkMark(lease);
        }
        List<Lease> probes = new ArrayList<>();
        try {
            for (int probe = 0; probe < 2; probe++) {
                probes.add(lease(-1 - probe));
            }
        } catch (AllocatorExhaustedException exhausted) {
            judge(); // the model says whether the budget had room
            throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "a probe lease was refused in a 64 MiB budget with "
                    + live.size() + " leases held: " + exhausted.getMessage());
        } finally {
            for (Lease probe : probes) {
                release(probe.segment());
            }
        }
        judge();
    }

    /** Releases every lease in {@code live}, then asks the model about every call, the counters at rest included. */
    public void releaseAllAndCheckNothingLeased(List<Lease> live) {
        for (Lease lease : live) {
            release(lease.segment());
        }
        judge();
    }

    /**
     * The model's verdict on the history so far, with no call in flight: some order of the calls
     * that respects real time fits the model, the allocator's counters read now included (its
     * high-water mark aside: a peak depends on the interleaving); else the violation of the order
     * that went deepest.
     */
    public void judge() {
        AllocatorSnapshot atRest = AllocatorSnapshot.of(allocator.stats(), design).withoutHighWater();
        Optional<Violation> found = AllocatorLinearizer.check(ModelConfig.of(design), history, atRest);
        if (found.isPresent()) {
            throw new OwnershipViolation(found.get().kind(), found.get().message());
        }
    }

    /** The calls recorded so far. */
    public AllocatorHistory history() {
        return history;
    }

    /** The model's error kind for an outcome word; null for {@link #OK}. */
    private static ErrorKind errorKind(String outcome) {
        return switch (outcome) {
            case OK -> null;
            case "DOUBLE_RELEASE" -> ErrorKind.DOUBLE_RELEASE;
            case "STALE" -> ErrorKind.STALE;
            case "FOREIGN" -> ErrorKind.FOREIGN;
            case "EXHAUSTED" -> ErrorKind.EXHAUSTED;
            case "IllegalArgumentException" -> ErrorKind.ILLEGAL_ARGUMENT;
            case "NullPointerException" -> ErrorKind.NULL_POINTER;
            default -> ErrorKind.ILLEGAL_STATE; // closed, a closed scope, or an exception the API never throws
        };
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
