package io.segcheck.sim.world;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.GrantSource;
import io.segcheck.model.Lease;
import io.segcheck.model.Outcome;
import io.segcheck.model.ViolationKind;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One call of the real API, compared: the real call runs first while the allocator records what
 * it did; then (in lockstep) the model predicts the same call, learning addresses, exhaustion and
 * unmaps from those records; then results and typed errors are compared, and refused releases,
 * removal-listener failures and Caffeine's evictions that happened during the call are checked
 * or fed to the model. Every call also appends its result to the step's trace line.
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
     * Runs one real call, then (in lockstep) the model's prediction of it with the grants the real
     * allocator made, and compares everything the call could have changed.
     */
    Result call(String what, Supplier<?> real, Function<GrantSource, Outcome<?>> predict, Check check,
                        boolean releaseCall) {
        world.allocator.forget();
        world.removals.clear();
        long leasedBefore = releaseCall && world.lockstep() && silentDesign() ? world.allocator.stats().leasedSegments()
                : AllocatorStats.UNKNOWN;
        Observed observed = Observed.of(real);
        observing = observed;
        trace.append(' ').append(token(observed));
        traceEvictions();
        if (!world.lockstep()) {
            world.removals.clear();
            return new Result(observed, null);
        }
        for (ObservingAllocator.Allocation allocation : world.allocator.allocations()) {
            world.model.allocator().observeMappedRegions(allocation.mappedRegionsAfter());
            checkZeroed(what, allocation);
        }
        ObservedGrants grants = new ObservedGrants(world.allocator.allocations(), world.model.allocator());
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
        checkListeners(what);
        applyEvictions();
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
        if (observed.isOk() && predicted.isOk()) {
            compareValues(what, observed.value(), predicted.value(), check);
        } else if (predicted.isOk()) {
            findings.report(Failures.violationKind(failure), what + " threw " + Failures.describe(failure)
                    + " where the model predicts success" + ownerOf(failure));
        } else if (observed.isOk()) {
            if (silentlyRefused(predicted.error())) {
                return; // declared: a refused release returns normally; the stats checks prove nothing changed
            }
            findings.report(ViolationKind.MISSING_ERROR, what + " succeeded where the model predicts "
                    + predicted.error());
        } else {
            ErrorKind actual = Failures.errorKind(failure);
            if (actual != predicted.error()) {
                findings.report(actual == null ? Failures.violationKind(failure) : ViolationKind.UNEXPECTED_ERROR,
                        what + " threw " + Failures.describe(failure) + " where the model predicts "
                                + predicted.error() + ownerOf(failure));
            }
        }
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
    private String ownerOf(Throwable failure) {
        if (!(failure instanceof SegmentOwnershipException rejected) || world.model == null) {
            return "";
        }
        Lease last = world.model.allocator().lastLeaseAt(rejected.address());
        return last == null ? "; the model never leased that address" : "; the model's record: " + last.history();
    }

    private void checkListeners(String what) {
        for (CacheHandle<?> cache : world.caches) {
            for (RuntimeException failure : cache.newListenerFailures()) {
                findings.report(Failures.violationKind(failure), "during " + what + ", " + cache
                        + "'s removal listener failed: " + Failures.describe(failure) + ownerOf(failure));
            }
        }
    }

    /** Caffeine's own removals are results too: {@code evicted:SIZE@cache#0/key=3}. */
    private void traceEvictions() {
        for (CacheHandle.Removal removal : world.removals) {
            if (removal.cause().wasEvicted()) {
                trace.append(" evicted:").append(removal.cause()).append("@cache#").append(removal.cacheIndex())
                        .append("/key=").append(removal.key());
            }
        }
    }

    /** Caffeine's own removals (size eviction, expiry) go to the model, which checks and applies them. */
    private void applyEvictions() {
        for (CacheHandle.Removal removal : world.removals) {
            if (removal.cause().wasEvicted()) {
                world.model.observeRemoval(removal.cacheIndex(), removal.key(), removal.cause().name());
            }
        }
        world.removals.clear();
        findings.takeFrom(world.model);
    }


    /** One result without identities or addresses: {@code ok}, {@code ok:byte[12]}, {@code err:ILLEGAL_STATE}. */
    static String token(Observed observed) {
        if (!observed.isOk()) {
            ErrorKind kind = Failures.errorKind(observed.failure());
            return "err:" + (kind != null ? kind.name() : observed.failure().getClass().getSimpleName());
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
