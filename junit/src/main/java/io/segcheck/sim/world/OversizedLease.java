package io.segcheck.sim.world;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A request above the largest class, in a design that serves it outside the classes: the model
 * follows the classes only, so this lease is checked on its own within its step. It must hold at
 * least the bytes asked for, overlap no live lease, take a write at its last byte, be released
 * normally, and leave the stats as they were once released. Exhaustion is allowed (the budget may
 * not hold it). The calls go straight to the allocator, past the recorder the model reads.
 */
final class OversizedLease {

    private final StepScope scope;

    OversizedLease(StepScope scope) {
        this.scope = scope;
    }

    void check(long bytes) {
        OffHeapAllocator real = scope.world.allocator.delegate();
        AllocatorStats before = real.stats();
        Observed leased = Observed.of(() -> real.allocate(bytes));
        scope.trace.append(" outside-classes:").append(Calls.token(leased));
        if (!leased.isOk()) {
            if (scope.world.lockstep() && !(leased.failure() instanceof AllocatorExhaustedException)) {
                scope.findings.report(Failures.violationKind(leased.failure()), "allocate(" + bytes + "), which the design"
                        + " serves outside the classes, threw " + Failures.describe(leased.failure()));
            }
            return;
        }
        MemorySegment segment = (MemorySegment) leased.value();
        String what = "allocate(" + bytes + ") outside the classes";
        if (scope.world.lockstep()) {
            checkLease(what, bytes, segment);
        }
        Observed released = Observed.ofVoid(() -> real.release(segment));
        scope.trace.append(" release:").append(Calls.token(released));
        if (!scope.world.lockstep() || scope.findings.any()) {
            return;
        }
        if (!released.isOk()) {
            scope.findings.report(Failures.violationKind(released.failure()), "the release of " + what + " threw "
                    + Failures.describe(released.failure()));
            return;
        }
        checkStatsUnchanged(what, before, real.stats());
    }

    private void checkLease(String what, long bytes, MemorySegment segment) {
        if (segment.byteSize() < bytes) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, what + " returned only " + segment.byteSize() + " B");
            return;
        }
        for (RawSegment raw : scope.populations().leasedRaw()) {
            MemorySegment live = raw.segment();
            if (segment.address() < live.address() + live.byteSize() && live.address() < segment.address() + segment.byteSize()) {
                scope.findings.report(ViolationKind.ALIAS, what + " returned @0x" + Long.toHexString(segment.address())
                        + "+" + segment.byteSize() + ", which overlaps the live lease @0x"
                        + Long.toHexString(live.address()) + "+" + live.byteSize());
                return;
            }
        }
        Observed written = Observed.ofVoid(() -> segment.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 1));
        if (!written.isOk()) {
            scope.findings.report(ViolationKind.UNEXPECTED_ERROR, "a write at the last byte of " + what + " threw "
                    + Failures.describe(written.failure()));
        }
    }

    private void checkStatsUnchanged(String what, AllocatorStats before, AllocatorStats after) {
        if (before.leasedSegments() != after.leasedSegments() || before.leasedBytes() != after.leasedBytes()
                || !before.classes().equals(after.classes())) {
            scope.findings.report(ViolationKind.STATS, what + " and its release changed the stats: leasedSegments "
                    + before.leasedSegments() + " -> " + after.leasedSegments() + ", leasedBytes " + before.leasedBytes()
                    + " -> " + after.leasedBytes() + ", classes " + before.classes() + " -> " + after.classes());
        }
    }
}
