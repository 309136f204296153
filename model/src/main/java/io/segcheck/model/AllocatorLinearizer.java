package io.segcheck.model;

import io.segcheck.api.AllocatorDesign;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges an {@link AllocatorHistory} of concurrent calls by the allocator model: the history is
 * legal when some order of its whole calls that respects real time (a call that ended before
 * another began comes first) gives, applied one call at a time to a new {@link OwnershipModel},
 * every call the result it had (a grant the model finds legal: no overlap with a live or
 * quarantined lease, within the declared budget and reuse order; a release accepted or refused as
 * the model predicts under the declared refusal), and the counters read at rest afterwards.
 *
 * <p>Depth-first over the orders, pruned at the first call that disagrees, at most
 * {@link #MAX_REPLAYS} partial orders replayed; past that the history is undecided and passes (a
 * history of a few threads of a few calls each needs far fewer). When no order fits, the finding
 * is the disagreement of the order that went deepest.
 *
 * <p>Two results the model cannot predict from the calls alone are read from the run, as the
 * lockstep runner reads them: which address a grant got (the model checks it is legal), and, when
 * the design unmaps free regions, a refusal of an old instance as FOREIGN (its region may have
 * been unmapped and mapped again for another class). A design whose refusals are
 * {@code NOT_VALIDATED} makes a release the model would refuse the caller's bug: any result is
 * accepted there and the model is unchanged. A declared reuse order is not checked: it is a promise
 * about one caller's sequence of calls, not about several threads' (see {@link #withoutReuseOrder}).
 */
public final class AllocatorLinearizer {

    /** The most partial orders one check replays before it calls the history undecided. */
    public static final int MAX_REPLAYS = 20_000;

    private final ModelConfig config;
    private final List<AllocatorHistory.Call> calls;
    private final AllocatorSnapshot atRest;
    private int replays;
    private Violation deepest;
    private int deepestLength = -1;

    private AllocatorLinearizer(ModelConfig config, List<AllocatorHistory.Call> calls, AllocatorSnapshot atRest) {
        this.config = config;
        this.calls = calls;
        this.atRest = atRest;
    }

    /**
     * The disagreement with the model of every order of {@code history}'s calls (the deepest
     * one's), or empty when some order fits; {@code atRest}, the allocator's counters read after
     * the last call ended, must fit the model after that order (null: not compared).
     */
    public static Optional<Violation> check(ModelConfig config, AllocatorHistory history, AllocatorSnapshot atRest) {
        AllocatorLinearizer linearizer = new AllocatorLinearizer(withoutReuseOrder(config), history.calls(), atRest);
        if (linearizer.search(new ArrayList<>(), new boolean[linearizer.calls.size()])) {
            return Optional.empty();
        }
        return linearizer.replays > MAX_REPLAYS ? Optional.empty() : Optional.of(linearizer.deepest);
    }

    /**
     * The configuration with no reuse order: a declared order is a promise about one caller's
     * sequence of calls (a striped allocator keeps it per stripe, that is per thread), which the
     * sweep and the simulator check; releases and grants of several threads have none.
     */
    private static ModelConfig withoutReuseOrder(ModelConfig config) {
        AllocatorDesign declared = config.design();
        AllocatorDesign unordered = new AllocatorDesign(declared.sizeClassesBytes(), AllocatorDesign.ReuseOrder.UNSPECIFIED,
                declared.zeroed(), declared.rejectedRelease(), declared.quarantineSlices(), declared.accounting(),
                declared.unmapsFreeRegions(), declared.closedState(), declared.guardViews(), declared.viewRelease(),
                declared.oversizeRequests(), declared.badSizeSignal());
        return new ModelConfig(config.guardMode(), config.quarantineSlices(), config.budgetBytes(), config.regionBytes(),
                unordered);
    }

    /** True when {@code order} extends to a whole order that fits (or the search ran out of replays). */
    private boolean search(List<Integer> order, boolean[] placed) {
        if (order.size() == calls.size()) {
            return true;
        }
        for (AllocatorHistory.Call candidate : calls) {
            if (placed[candidate.index()] || !mayComeNext(candidate, placed)) {
                continue;
            }
            order.add(candidate.index());
            placed[candidate.index()] = true;
            if (++replays > MAX_REPLAYS) {
                return true;
            }
            Optional<Violation> disagreement = replay(order);
            if (disagreement.isEmpty() && search(order, placed)) {
                return true;
            }
            disagreement.ifPresent(found -> remember(found, order.size()));
            placed[candidate.index()] = false;
            order.removeLast();
        }
        return false;
    }

    /** Real time: no call left to place may have ended before {@code candidate} began. */
    private boolean mayComeNext(AllocatorHistory.Call candidate, boolean[] placed) {
        for (AllocatorHistory.Call other : calls) {
            if (!placed[other.index()] && other != candidate && other.ended() < candidate.begun()) {
                return false;
            }
        }
        return true;
    }

    private void remember(Violation found, int length) {
        if (length > deepestLength) {
            deepestLength = length;
            deepest = found;
        }
    }

    /** Applies {@code order} to a new model: the first disagreement, or empty when every call (and the rest) fits. */
    private Optional<Violation> replay(List<Integer> order) {
        OwnershipModel model = new OwnershipModel(config, 0);
        Lease[] leases = new Lease[calls.size()];
        for (int step = 0; step < order.size(); step++) {
            model.beginStep(step);
            AllocatorHistory.Call call = calls.get(order.get(step));
            Optional<Mismatch> mismatch = switch (call) {
                case AllocatorHistory.Allocate allocate -> applyAllocate(model, allocate, leases);
                case AllocatorHistory.Release release -> applyRelease(model, release, leases);
            };
            List<Violation> found = model.drainViolations();
            if (!found.isEmpty()) {
                return Optional.of(explained(found.getFirst(), order, step));
            }
            if (mismatch.isPresent()) {
                return Optional.of(explained(Violation.of(mismatch.get().kind(), step, mismatch.get().message()), order, step));
            }
        }
        if (order.size() == calls.size() && atRest != null) {
            model.beginStep(order.size());
            model.checkAllocator(atRest);
            List<Violation> found = model.drainViolations();
            if (!found.isEmpty()) {
                return Optional.of(explained(found.getFirst(), order, order.size()));
            }
        }
        return Optional.empty();
    }

    /** A call whose result is not the model's: the kind of bug it shows and what differed. */
    private record Mismatch(ViolationKind kind, String message) {
    }

    private static Optional<Mismatch> applyAllocate(OwnershipModel model, AllocatorHistory.Allocate allocate,
            Lease[] leases) {
        ErrorKind seen = allocate.error();
        if (seen != null && seen != ErrorKind.EXHAUSTED) {
            boolean badSize = model.allocator().design().classIndexFor(allocate.requestBytes()) < 0;
            return badSize && seen == ErrorKind.ILLEGAL_ARGUMENT ? Optional.empty()
                    : Optional.of(new Mismatch(ViolationKind.UNEXPECTED_ERROR, "allocate(" + allocate.requestBytes()
                            + ") threw " + seen + " where the model predicts " + (badSize ? ErrorKind.ILLEGAL_ARGUMENT
                            : "a segment or EXHAUSTED")));
        }
        Grant observed = seen == null ? Grant.granted(allocate.address(), (int) allocate.grantedBytes())
                : Grant.exhausted(0, AllocatorStatsUnknown.VALUE);
        Outcome<Lease> predicted = model.allocate(allocate.requestBytes(), classBytes -> observed);
        if (predicted.isOk()) {
            leases[allocate.index()] = predicted.get();
            return Optional.empty();
        }
        return predicted.error() == seen ? Optional.empty()
                : Optional.of(new Mismatch(seen == null ? ViolationKind.MISSING_ERROR : ViolationKind.UNEXPECTED_ERROR,
                        "allocate(" + allocate.requestBytes() + ") ended " + (seen == null ? "with a segment" : seen)
                                + " where the model predicts " + predicted.error()));
    }

    private Optional<Mismatch> applyRelease(OwnershipModel model, AllocatorHistory.Release release, Lease[] leases) {
        Lease lease = release.leaseCall() < 0 ? null : leases[release.leaseCall()];
        if (release.leaseCall() >= 0 && lease == null) {
            return Optional.of(new Mismatch(ViolationKind.UNEXPECTED_ERROR, "released the segment of allocate #"
                    + release.leaseCall() + " before that allocate granted it in this order"));
        }
        boolean mayBeGone = lease != null && config.design().unmapsFreeRegions() && lease.isReleased();
        Outcome<Object> predicted = lease == null ? model.releaseForeign() : model.release(lease);
        ErrorKind expected = predicted.isOk() ? null : predicted.error();
        ErrorKind seen = release.refusal();
        if (expected == seen || expected != null && acceptsAnyRefusalResult()
                || expected != null && seen == null && silentRefusal()
                || seen == ErrorKind.FOREIGN && expected != null && mayBeGone) {
            return Optional.empty();
        }
        String message = "the release of " + (lease == null ? "a segment no call leased" : lease.describe())
                + " ended " + (seen == null ? "normally (accepted)" : seen) + " where the model predicts "
                + (expected == null ? "it is accepted" : expected + (silentRefusal() ? " (a silent no-op)" : ""));
        return Optional.of(new Mismatch(kindOfAccepted(expected, seen), message));
    }

    /** An accepted release the model refuses is the bug its refusal names; any other difference is an unexpected result. */
    private static ViolationKind kindOfAccepted(ErrorKind expected, ErrorKind seen) {
        if (seen != null || expected == null) {
            return ViolationKind.UNEXPECTED_ERROR;
        }
        return switch (expected) {
            case STALE -> ViolationKind.STALE_RELEASE;
            case FOREIGN -> ViolationKind.FOREIGN_RELEASE;
            default -> ViolationKind.DOUBLE_RELEASE;
        };
    }

    private boolean silentRefusal() {
        return config.design().rejectedRelease() == AllocatorDesign.RejectedRelease.SILENT_NO_OP;
    }

    private boolean acceptsAnyRefusalResult() {
        return config.design().rejectedRelease() == AllocatorDesign.RejectedRelease.NOT_VALIDATED;
    }

    /** The violation with the order that led to it, so a reader sees which interleaving the model tried. */
    private Violation explained(Violation found, List<Integer> order, int step) {
        StringBuilder tried = new StringBuilder();
        for (int position = 0; position <= Math.min(step, order.size() - 1); position++) {
            tried.append(position == 0 ? "" : "; ").append(calls.get(order.get(position)).describe());
        }
        return Violation.of(found.kind(), found.stepIndex(), found.message() + " [in the order: " + tried + "]");
    }
}
