package io.segcheck.sim.world;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.Step;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code close()} of an allocator checked alone, and every call after it. The model has nothing to
 * predict here: a design with a closed state promises that {@code close()} and a second
 * {@code close()} return normally and that every other call afterwards throws
 * {@code IllegalStateException}, whatever was leased; without a closed state a call after close is
 * the caller's bug and is not made. The calls go straight to the allocator, past the recorder, whose
 * bookkeeping reads stats that a closed allocator refuses.
 */
final class AfterClose {

    private final StepScope scope;

    AfterClose(StepScope scope) {
        this.scope = scope;
    }

    private OffHeapAllocator real() {
        return scope.world.allocator.delegate();
    }

    /** Closes the allocator, then again: both must return normally. */
    void close() {
        Observed first = Observed.ofVoid(real()::close);
        Observed second = Observed.ofVoid(real()::close);
        scope.world.allocatorClosed = true;
        scope.trace.append(" close:").append(Calls.token(first)).append(" again:").append(Calls.token(second));
        if (!scope.world.lockstep()) {
            return;
        }
        if (!first.isOk()) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "close() threw " + Failures.describe(first.failure()));
        } else if (!second.isOk()) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "a second close() threw "
                    + Failures.describe(second.failure()) + "; close() must be idempotent");
        }
    }

    /** One step after close: its call, which must be refused as closed. */
    void apply(Action action, Step step) {
        switch (action) {
            case ALLOCATE -> expectClosed("allocate(" + step.arg(0) + ") after close()",
                    () -> real().allocate(step.arg(0)));
            case RELEASE, RELEASE_ALIAS, RELEASE_FOREIGN -> releaseAfterClose(action, step.arg(action == Action.RELEASE
                    ? 0 : 1));
            default -> scope.noop();
        }
    }

    private void releaseAfterClose(Action action, long index) {
        List<RawSegment> raw = scope.populations().raw;
        int position = scope.pickOrNoop(index, raw.size());
        if (position >= 0) {
            MemorySegment segment = raw.get(position).segment();
            expectClosed(action.actionName() + " of raw#" + position + " after close()", () -> {
                real().release(segment);
                return "ok";
            });
        }
    }

    /** The end of a run: allocate, release and stats after close, each refused as closed. */
    void callEachAfterClose() {
        int smallest = scope.world.design.sizeClassesBytes().getFirst();
        expectClosed("allocate(" + smallest + ") after close()", () -> real().allocate(smallest));
        List<RawSegment> raw = scope.populations().raw;
        MemorySegment released = raw.isEmpty() ? MemorySegment.ofArray(new byte[smallest]) : raw.getLast().segment();
        expectClosed("release(" + (raw.isEmpty() ? "a heap segment" : "the newest raw lease") + ") after close()", () -> {
            real().release(released);
            return "ok";
        });
        expectClosed("stats() after close()", real()::stats);
    }

    /**
     * Runs {@code call} on the closed allocator; in lockstep a closed-state design must refuse it
     * with {@code IllegalStateException}: a call that returns is MISSING_ERROR, another throw
     * UNEXPECTED_ERROR. Without a closed state the call is not made.
     */
    private void expectClosed(String what, Supplier<?> call) {
        if (!scope.world.design.closedState()) {
            scope.noop();
            return;
        }
        Observed observed = Observed.of(call);
        scope.trace.append(' ').append(Calls.token(observed));
        if (!scope.world.lockstep() || scope.findings.any()) {
            return;
        }
        if (observed.isOk()) {
            scope.findings.report(ViolationKind.MISSING_ERROR, what + " returned normally"
                    + (observed.value() instanceof MemorySegment segment ? " with a " + segment.byteSize()
                    + " B segment @0x" + Long.toHexString(segment.address()) : "")
                    + " where the design's closed state refuses every call with IllegalStateException");
        } else if (!(observed.failure() instanceof IllegalStateException) || Failures.isClosedScope(observed.failure())) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, what + " threw " + Failures.describe(observed.failure())
                    + " where the design's closed state refuses every call with IllegalStateException");
        }
    }
}
