package io.segcheck.sim.world;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.Lease;
import io.segcheck.model.Outcome;
import io.segcheck.sim.runner.Step;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Raw leases: allocate, release (also late and repeated), and releases of foreign segments and of
 * aliases, each as the declared design allows (a design that never validates a release gets no bad
 * one; one that refuses sizes by assert gets no bad size while its assertions are off; one that
 * serves oversized requests has them checked by {@link OversizedLease}); and, for the allocator
 * alone, {@code close()} and the calls after it ({@link AfterClose}).
 */
final class AllocatorBinding implements ActionBinding {

    static final Set<Action> ACTIONS = EnumSet.of(Action.ALLOCATE, Action.RELEASE, Action.RELEASE_FOREIGN,
            Action.RELEASE_ALIAS);

    private final StepScope scope;
    private final ForeignSegments foreign = new ForeignSegments();
    private final AfterClose afterClose;

    AllocatorBinding(StepScope scope) {
        this.scope = scope;
        this.afterClose = new AfterClose(scope);
    }

    private AllocatorDesign design() {
        return scope.world.design;
    }

    @Override
    public Set<Action> actions() {
        return ACTIONS;
    }

    @Override
    public void apply(Action action, Step step) {
        switch (action) {
            case ALLOCATE -> allocate(step.arg(0));
            case RELEASE -> release(step.arg(0));
            case RELEASE_FOREIGN -> releaseForeign(step.arg(0), step.arg(1));
            case RELEASE_ALIAS -> releaseAlias(step.arg(0), step.arg(1));
            default -> throw new IllegalArgumentException("action=" + action + " is not an allocator action");
        }
    }

    /**
     * {@code allocate(bytes)} as the design allows it: an oversized request it serves is checked
     * apart from the model; a bad size it refuses by assert is not made while its assertions are off.
     */
    private void allocate(long bytes) {
        if (design().servesOutsideClasses(bytes)) {
            new OversizedLease(scope).check(bytes);
        } else if (design().refusesSize(bytes) && design().badSizeSignal() == AllocatorDesign.BadSizeSignal.ASSERTION_ERROR
                && !scope.world.allocator.delegate().getClass().desiredAssertionStatus()) {
            scope.noop(); // undefined by design: a bad size with the allocator's assertions off
        } else {
            leaseRaw(bytes);
        }
    }

    /** Leases a raw segment on both sides; null when the real allocator refused. */
    RawSegment leaseRaw(long bytes) {
        World world = scope.world;
        Calls.Result result = scope.calls.call("allocate(" + bytes + ")", () -> world.allocator.allocate(bytes),
                grants -> scope.model().allocate(bytes, grants), Calls.Check.NONE, false);
        if (!result.realOk()) {
            return null;
        }
        Lease lease = result.predicted() != null && result.predicted().isOk() ? (Lease) result.predicted().value() : null;
        RawSegment segment = new RawSegment((MemorySegment) result.real().value(), lease);
        world.populations.raw.add(segment);
        return segment;
    }

    private void release(long index) {
        int position = scope.pickOrNoop(index, scope.populations().raw.size());
        if (position < 0) {
            return;
        }
        if (!design().validatesReleases() && scope.populations().raw.get(position).isReleased()) {
            scope.noop(); // a second release: the caller's bug in a design that never validates one
            return;
        }
        releaseAt(position);
    }

    private void releaseAt(int position) {
        RawSegment segment = scope.populations().raw.get(position);
        Calls.Result result = scope.calls.callRelease("release(raw#" + position + ")", () -> {
            scope.world.allocator.release(segment.segment());
            return "ok";
        }, grants -> regionAware(scope.model().release(segment.lease()), segment.lease()), segment.lease());
        if (result.realOk()) {
            segment.markReleased();
        }
    }

    /**
     * The model's prediction, except that FOREIGN is the prediction when the real allocator said so
     * and the model agrees the lease's region may have been unmapped since (observed nondeterminism).
     * A guard view whose arena would not close changes nothing here: the release is accepted all the same.
     */
    private Outcome<?> regionAware(Outcome<Object> predicted, Lease lease) {
        boolean refusedAsForeign = !predicted.isOk() && !scope.calls.observing().isOk()
                && Failures.errorKind(scope.calls.observing().failure()) == ErrorKind.FOREIGN;
        if (refusedAsForeign && scope.model().allocator().regionMayBeGone(lease)) {
            return Outcome.failed(ErrorKind.FOREIGN);
        }
        return predicted;
    }

    /** 0: another arena's segment; 1: a half-size slice of a leased raw segment; 2: a heap segment. */
    private void releaseForeign(long kindArg, long index) {
        if (!design().validatesReleases()) {
            scope.noop(); // the caller's bug in a design that never validates a release
            return;
        }
        int kind = Math.floorMod(kindArg, ForeignSegments.KINDS);
        MemorySegment segment = foreign.of(kind, index, scope.populations());
        if (segment == null) {
            scope.noop();
            return;
        }
        scope.calls.call("release(foreign kind=" + kind + ")", () -> {
            scope.world.allocator.release(segment);
            return "ok";
        }, grants -> scope.model().releaseForeign(), Calls.Check.NONE, true);
    }

    /**
     * Releases a same-address, same-size view of a live raw lease, which the allocator must refuse
     * (the view is not the lease) without ending the lease.
     */
    @SuppressWarnings("restricted") // reinterpret to the lease's own size makes an alias, not a wider view
    private void releaseAlias(long kindArg, long index) {
        if (!design().validatesReleases() && design().viewRelease() != AllocatorDesign.ViewRelease.ENDS_LEASE) {
            scope.noop(); // the caller's bug in a design that never validates a release
            return;
        }
        List<RawSegment> leased = scope.populations().leasedRaw();
        int position = scope.pickOrNoop(index, leased.size());
        if (position < 0) {
            return;
        }
        RawSegment raw = leased.get(position);
        MemorySegment lease = raw.segment();
        int kind = Math.floorMod(kindArg, 3);
        MemorySegment alias = switch (kind) {
            case 0 -> lease.asSlice(0);
            case 1 -> lease.asReadOnly();
            default -> lease.reinterpret(lease.byteSize());
        };
        Calls.Result result = releaseView("release(alias kind=" + kind + " of a raw lease)", alias, raw.lease());
        if (result.realOk() && design().viewRelease() == AllocatorDesign.ViewRelease.ENDS_LEASE) {
            raw.markReleased(); // by design the view ended the lease
        }
    }

    /**
     * A release of {@code view}, which is not {@code lease}'s instance; the refusal is predicted like
     * a release of it (or, when the design lets a view end its lease, the lease's release).
     */
    Calls.Result releaseView(String what, MemorySegment view, Lease lease) {
        return scope.calls.callRelease(what, () -> {
            scope.world.allocator.release(view);
            return "ok";
        }, grants -> regionAware(scope.model().releaseAlias(lease), lease), lease);
    }

    /** {@code close()} of the allocator alone: checked, and every later step is a call after close. */
    void close() {
        afterClose.close();
    }

    /** A step after {@code close()}: the call must throw {@code IllegalStateException} (closed-state designs). */
    void applyAfterClose(Action action, Step step) {
        afterClose.apply(action, step);
    }

    /** The end of an allocator-alone run: close, then one call of each kind, each refused as closed. */
    void closeAndCallAfter() {
        afterClose.close();
        afterClose.callEachAfterClose();
    }

    /** Quiesce: releases every raw lease still held, oldest first. */
    void releaseAll() {
        for (int position = 0; position < scope.populations().raw.size(); position++) {
            if (!scope.populations().raw.get(position).isReleased()) {
                releaseAt(position);
            }
        }
    }
}
