package io.segcheck.fray.scenario;

import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.model.ViolationKind;

import java.util.List;

/**
 * The high-water mark against the most the run could have leased. A look at the counters
 * (a {@code stats()} of the threads, or the look after the run) may report a mark no higher than
 * the bytes leased at some instant before it returned. This bounds that from the history: the
 * init part's own mark, or what the init part left leased plus every lease a call invoked before
 * the look could have made (an allocate that succeeded; a borrow whatever its result, since a
 * failed second lease gives back a first one; a write that may grow the page, at the largest class),
 * releases never subtracted. A mark above that bound counted slices nobody held.
 */
final class HighWaterCheck {

    /** One look: the mark it reported, and the clock stamp at which it had returned. */
    record Look(long returned, long highWaterBytes, String who) {
    }

    private HighWaterCheck() {
    }

    static void check(History history, long initHighWater, long initLeasedBytes, List<Look> looks) {
        for (Look look : looks) {
            long bound = Math.max(initHighWater, initLeasedBytes + leasableBefore(history.calls(), look.returned()));
            if (look.highWaterBytes() > bound) {
                history.broken(ViolationKind.STATS, look.who() + " reported a high-water mark of " + look.highWaterBytes()
                        + " bytes, above any peak the run could reach by then (at most " + bound + " bytes: init left "
                        + initLeasedBytes + ", its own mark " + initHighWater + ", plus every lease invoked before)");
            }
        }
    }

    private static long leasableBefore(List<History.Call> calls, long stamp) {
        long bytes = 0;
        for (History.Call call : calls) {
            if (call.lane() != History.INIT_LANE && !call.isListener() && call.invoked() < stamp) {
                bytes += leasable(call.op(), call.token());
            }
        }
        return bytes;
    }

    private static long leasable(Op op, String token) {
        return switch (op.kind()) {
            case ALLOCATE -> token.startsWith("ok") ? sliceBytes(op.arg(0)) : 0;
            case BORROW -> sliceBytes(op.arg(0)) + (op.arg(1) != 0 ? SizeClass.MIN_BYTES : 0);
            case SET_SLOT, SET_DEWEY_ID, RESET_FOR_REUSE -> token.equals("noop") ? 0 : 2L * SizeClass.MAX_BYTES;
            default -> 0;
        };
    }

    private static long sliceBytes(long requested) {
        return SizeClass.sizeBytes(SizeClass.indexFor(requested));
    }
}
