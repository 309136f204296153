package io.segcheck.sim.world;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.GrantSource;
import io.segcheck.model.Lease;
import io.segcheck.model.Outcome;
import io.segcheck.model.ViolationKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One call of the real API, compared: the real call runs first while the allocator records what
 * it did; then (in lockstep) the model predicts the same call, learning addresses, exhaustion and
 * unmaps from those records; then results and typed errors are compared, and refused releases
 * (and, with segcheck's own system on the allocator, what its caches did during the call) are
 * checked or fed to the model. Every call also appends its result to the step's trace line.
 */
final class Calls {

    /** How a call's successful results are compared. */
    enum Check {
        /** Only success or failure matters. */
        NONE,
        /** The returned bytes must equal the model's. */
        BYTES,
        /** An Optional's presence must equal the model's. */
        PRESENCE
    }

    /** The real result and the model's prediction (null when the model does not run). */
    record Result(Observed real, Outcome<?> predicted) {
        boolean realOk() {
            return real.isOk();
        }
    }

    private final World world;
    private final Findings findings;
    private final StringBuilder trace;
    private Observed observing;

    Calls(World world, Findings findings, StringBuilder trace) {
        this.world = world;
        this.findings = findings;
        this.trace = trace;
    }

    /** The real result of the call being compared, for the few predictions that depend on observed nondeterminism. */
    Observed observing() {
        return observing;
    }

    /**
     * Fault sites armed in every call: their failures reach the model through the allocator's
     * grants (a failed mmap, injected exhaustion, a region that would not unmap to make room) or
     * the resize they break; a guard view that will not close at release changes no ownership.
     * (The scheduler's own sites, a held-back listener, a storm and a mid-run close, are not
     * fired inside a call.)
     */
    static final Set<FaultSite> ARMED_IN_CALLS = Set.copyOf(EnumSet.of(FaultSite.MAP, FaultSite.BUDGET,
            FaultSite.RESIZE_AFTER_ALLOCATE, FaultSite.RESIZE_AFTER_COPY, FaultSite.LISTENER_THROWS,
            FaultSite.ARENA_CLOSE, FaultSite.UNMAP));

    /**
     * Runs one real call with {@link #ARMED_IN_CALLS} armed, then (in lockstep) the model's
     * prediction of it with the grants the real allocator made, and compares everything the call
     * could have changed.
     */
    Result call(String what, Supplier<?> real, Function<GrantSource, Outcome<?>> predict, Check check,
                        boolean releaseCall) {
        return call(what, real, predict, check, releaseCall, null);
    }

    /**
     * A release of {@code lease}'s instance or of a view of it: as {@link #call}, and a refusal whose
     * kind depends on where {@code mmap} put memory is traced without its kind (see {@link #traced}).
     */
    Result callRelease(String what, Supplier<?> real, Function<GrantSource, Outcome<?>> predict, Lease lease) {
        return call(what, real, predict, Check.NONE, true, lease);
    }

    private Result call(String what, Supplier<?> real, Function<GrantSource, Outcome<?>> predict, Check check,
                        boolean releaseCall, Lease released) {
        world.allocator.forget();
        world.system.beforeCall();
        world.faults.arm(ARMED_IN_CALLS);
        long leasedBefore = releaseCall && world.lockstep() && silentDesign() ? world.allocator.stats().leasedSegments()
                : AllocatorStats.UNKNOWN;
        Observed observed = Observed.of(real);
        boolean resizeFailed = world.faults.fired().contains(FaultSite.RESIZE_AFTER_ALLOCATE)
                || world.faults.fired().contains(FaultSite.RESIZE_AFTER_COPY);
        boolean faultAbsorbed = observed.isOk() && (!world.faults.fired().isEmpty()
                || world.faults.namedFiredCount() > 0);
        world.faults.disarm();
        observing = observed;
        // ok+FAULT: a site fired and the call still succeeded (e.g. a guard view that would not close)
        trace.append(' ').append(traced(observed, released)).append(faultAbsorbed ? "+FAULT" : "");
        world.faults.namedFired().forEach(site -> trace.append(" fault:").append(site));
        world.system.traceCall(trace);
        if (!world.lockstep()) {
            world.system.beforeCall();
            return new Result(observed, null);
        }
        for (ObservingAllocator.Allocation allocation : world.allocator.allocations()) {
            world.model.allocator().observeMappedRegions(allocation.mappedRegionsAfter());
            checkZeroed(what, allocation);
        }
        ObservedGrants grants = new ObservedGrants(world.allocator.allocations(), world.model.allocator(),
                resizeFailed);
        world.model.allocator().markCall();
        Outcome<?> predicted = predict.apply(grants);
        grants.bind(world.leaseOf, world.instanceOf);
        findings.takeFrom(world.model);
        compare(what, observed, predicted, check);
        checkSilentRefusal(what, observed, predicted, leasedBefore);
        if (grants.unconsumedGrants() > 0) {
            findings.report(ViolationKind.LEAK, what + " leased " + grants.unconsumedGrants()
                    + " segment(s) that the contract does not ask for");
        }
        if (!releaseCall && !world.allocator.rejectedReleases().isEmpty()) {
            RuntimeException rejected = world.allocator.rejectedReleases().get(0);
            findings.report(Failures.violationKind(rejected), what + " made the allocator refuse a release: "
                    + Failures.describe(rejected) + ownerOf(rejected));
        }
        world.system.checkCall(what, this, findings);
        world.model.allocator().matchReleaseOrder(world.allocator.releasedAddresses());
        return new Result(observed, predicted);
    }

    /** A new lease must read as zeroes; else name the previous owner, whose bytes (or poison) they likely are. */
    private void checkZeroed(String what, ObservingAllocator.Allocation allocation) {
        if (allocation.firstNonZeroOffset() < 0) {
            return;
        }
        long address = allocation.segment().address();
        Lease previous = world.model.allocator().lastLeaseAt(address);
        if (!world.design.zeroed()) {
            // The design does not zero, so the previous owner's bytes are legal; a change since its release is not.
            findings.report(ViolationKind.USE_AFTER_RELEASE, what + " leased " + allocation.segment().byteSize()
                    + " B @0x" + Long.toHexString(address) + " whose byte at offset " + allocation.firstNonZeroOffset()
                    + " changed after its release" + (previous == null ? "" : "; previous owner: " + previous.history()));
            return;
        }
        findings.report(ViolationKind.NOT_ZEROED, what + " leased " + allocation.segment().byteSize() + " B @0x"
                + Long.toHexString(address) + " with a non-zero byte at offset " + allocation.firstNonZeroOffset()
                + (previous == null ? "; the model never leased that address before"
                        : "; previous owner: " + previous.history()));
    }

    private void compare(String what, Observed observed, Outcome<?> predicted, Check check) {
        Throwable failure = observed.failure();
        if (failure instanceof SystemUnderCheckError error) {
            findings.report(ViolationKind.UNEXPECTED_ERROR, what + " threw: " + error.getMessage()
                    + " (an Error out of the system under check is a bug of that system)");
            return;
        }
        if (observed.isOk() && predicted.isOk()) {
            compareValues(what, observed.value(), predicted.value(), check);
        } else if (predicted.isOk()) {
            findings.report(Failures.violationKind(failure), what + " threw " + Failures.describe(failure)
                    + " where the model predicts success" + ownerOf(failure));
        } else if (observed.isOk()) {
            if (silentlyRefused(predicted.error())) {
                return; // declared: a refused release returns normally; the stats checks prove nothing changed
            }
            ViolationKind accepted = acceptedRelease(predicted.error());
            findings.report(accepted == null ? ViolationKind.MISSING_ERROR : accepted, what + " succeeded where the"
                    + " model predicts " + predicted.error() + (accepted == null ? ""
                    : ": the allocator accepted a release it must refuse"));
        } else {
            ErrorKind actual = declaredBadSize(failure, predicted.error()) ? ErrorKind.ILLEGAL_ARGUMENT
                    : Failures.errorKind(failure);
            if (actual != predicted.error()) {
                findings.report(actual == null ? Failures.violationKind(failure) : ViolationKind.UNEXPECTED_ERROR,
                        what + " threw " + Failures.describe(failure) + " where the model predicts "
                                + predicted.error() + ownerOf(failure));
            }
        }
    }

    /**
     * The violation a release the model refuses as {@code error} but the allocator accepted is: an
     * accepted double, foreign or stale release, named like the silent design's (so one bug is one
     * finding whatever the design's refusal); null for any other missing error.
     */
    private static ViolationKind acceptedRelease(ErrorKind error) {
        return switch (error) {
            case DOUBLE_RELEASE -> ViolationKind.DOUBLE_RELEASE;
            case FOREIGN -> ViolationKind.FOREIGN_RELEASE;
            case STALE -> ViolationKind.STALE_RELEASE;
            default -> null;
        };
    }

    /** An {@code AssertionError} where the model refuses a size, from a design that refuses sizes by assert. */
    private boolean declaredBadSize(Throwable failure, ErrorKind predicted) {
        return predicted == ErrorKind.ILLEGAL_ARGUMENT && failure instanceof AssertionError
                && world.design.badSizeSignal() == AllocatorDesign.BadSizeSignal.ASSERTION_ERROR;
    }

    /** Whether the design declares that a release refusal of {@code error} returns normally. */
    private boolean silentlyRefused(ErrorKind error) {
        boolean releaseRefusal = error == ErrorKind.DOUBLE_RELEASE || error == ErrorKind.FOREIGN
                || error == ErrorKind.STALE;
        return releaseRefusal && silentDesign();
    }

    private boolean silentDesign() {
        return world.design.rejectedRelease() == AllocatorDesign.RejectedRelease.SILENT_NO_OP;
    }

    /**
     * A release the model refuses and a silent design ignores must change nothing; if the allocator's
     * leased count moved, it accepted the bad release, and the violation is named after the refusal
     * (an accepted double, foreign or stale release) rather than after the counter it upset.
     */
    private void checkSilentRefusal(String what, Observed observed, Outcome<?> predicted, long leasedBefore) {
        if (leasedBefore == AllocatorStats.UNKNOWN || !observed.isOk() || predicted.isOk()
                || !silentlyRefused(predicted.error())) {
            return;
        }
        long leasedAfter = world.allocator.stats().leasedSegments();
        if (leasedAfter != AllocatorStats.UNKNOWN && leasedAfter != leasedBefore) {
            ViolationKind kind = switch (predicted.error()) {
                case DOUBLE_RELEASE -> ViolationKind.DOUBLE_RELEASE;
                case FOREIGN -> ViolationKind.FOREIGN_RELEASE;
                default -> ViolationKind.STALE_RELEASE;
            };
            findings.report(kind, what + " should have been a silent no-op (the model refuses it as "
                    + predicted.error() + ") but the allocator accepted it: leasedSegments " + leasedBefore + " -> "
                    + leasedAfter);
        }
    }

    private void compareValues(String what, Object actual, Object expected, Check check) {
        if (check == Check.BYTES && !Arrays.equals((byte[]) actual, (byte[]) expected)) {
            findings.report(ViolationKind.LOST_DATA, what + " returned " + Payloads.describe((byte[]) actual)
                    + " but the model holds " + Payloads.describe((byte[]) expected));
        }
        if (check == Check.PRESENCE) {
            boolean present = ((Optional<?>) actual).isPresent();
            boolean expectedPresent = ((Optional<?>) expected).isPresent();
            if (present != expectedPresent) {
                findings.report(present ? ViolationKind.LEAK : ViolationKind.LOST_DATA, what + " returned "
                        + (present ? "a guard" : "empty") + " but the model predicts "
                        + (expectedPresent ? "a guard" : "empty"));
            }
        }
    }

    /** For a refused release: the model's story of that address (who held it, since when, released when). */
    String ownerOf(Throwable failure) {
        if (!(failure instanceof SegmentOwnershipException rejected) || world.model == null) {
            return "";
        }
        Lease last = world.model.allocator().lastLeaseAt(rejected.address());
        return last == null ? "; the model never leased that address" : "; the model's record: " + last.history();
    }


    /**
     * The trace token of a call, {@link #token}, except for a refused release of {@code released} (null
     * for other calls) whose region may have been unmapped since it was released. Whether the allocator
     * then says FOREIGN (nothing mapped there now), DOUBLE_RELEASE or STALE (a region mapped since sits
     * at the old address, its slice free or leased again) depends on where {@code mmap} placed later
     * regions, which differs between machines and runs (other threads of the JVM map memory too). The
     * model accepts each of them there; the trace says only {@code err:REFUSED_AFTER_UNMAP}, so a
     * seed's trace does not depend on the address space. Its mark is {@link World#RELEASE_REFUSED_AFTER_UNMAP}, not the kind's.
     */
    private String traced(Observed observed, Lease released) {
        String token = token(observed);
        if (released == null || observed.isOk() || !world.lockstep()
                || !world.model.allocator().regionMayBeGone(released)) {
            return token;
        }
        ErrorKind kind = Failures.errorKind(observed.failure());
        boolean placementDependent = kind == ErrorKind.FOREIGN || kind == ErrorKind.DOUBLE_RELEASE
                || kind == ErrorKind.STALE;
        if (!placementDependent) {
            return token;
        }
        world.refusedAfterUnmap(kind.name());
        return token.replace("err:" + kind.name(), "err:REFUSED_AFTER_UNMAP");
    }

    /** One result without identities or addresses: {@code ok}, {@code ok:byte[12]}, {@code err:ILLEGAL_STATE}. */
    static String token(Observed observed) {
        if (!observed.isOk()) {
            ErrorKind kind = Failures.errorKind(observed.failure());
            // e.g. an exhaustion that carries the injected failure which kept a free region mapped
            boolean injectedCause = Arrays.stream(observed.failure().getSuppressed())
                    .anyMatch(Faults::isInjected);
            return "err:" + (kind != null ? kind.name() : observed.failure().getClass().getSimpleName())
                    + (injectedCause ? "+FAULT" : "");
        }
        Object value = observed.value();
        if (value instanceof byte[] bytes) {
            return "ok:byte[" + bytes.length + "]";
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? "ok:guard" : "ok:empty";
        }
        return value == null ? "ok:null" : "ok";
    }
}
