package io.segcheck.model;

import io.segcheck.api.AllocatorDesign;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model as the judge of concurrent histories: overlapping calls may take any order, calls that
 * did not overlap only theirs, and every result and the counters at rest must fit one order.
 */
class AllocatorLinearizerTest {

    private static final long X = 0x10_0000L;
    private static final long Y = 0x20_0000L;

    private static ModelConfig typed() {
        return ModelConfig.of(AllocatorDesign.builder(List.of(4096)).build());
    }

    private static ModelConfig silent() {
        return ModelConfig.of(AllocatorDesign.builder(List.of(4096))
                .rejectedRelease(AllocatorDesign.RejectedRelease.SILENT_NO_OP).build());
    }

    private static AllocatorSnapshot leased(long segments) {
        return new AllocatorSnapshot(AllocatorSnapshot.UNKNOWN, new long[] {segments},
                new long[] {AllocatorSnapshot.UNKNOWN});
    }

    @Test
    void racingReleasesOfOneLeaseFitWhenExactlyOneIsAcceptedWhicheverWasRecordedFirst() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        long first = history.begin();
        long second = history.begin();
        history.released(second, lease, ErrorKind.DOUBLE_RELEASE); // recorded first, but it may be ordered second
        history.released(first, lease, null);
        assertEquals(Optional.empty(), AllocatorLinearizer.check(typed(), history, leased(0)));
    }

    @Test
    void racingReleasesBothAcceptedAreADoubleReleaseInEveryOrder() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        long first = history.begin();
        long second = history.begin();
        history.released(first, lease, null);
        history.released(second, lease, null);
        Violation found = AllocatorLinearizer.check(typed(), history, leased(0)).orElseThrow();
        assertEquals(ViolationKind.DOUBLE_RELEASE, found.kind(), found.message());
        assertTrue(found.message().contains("in the order"), found.message());
    }

    @Test
    void racingReleasesBothRefusedLeaveTheOwnersReleaseUnexplained() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        long first = history.begin();
        long second = history.begin();
        history.released(first, lease, ErrorKind.DOUBLE_RELEASE);
        history.released(second, lease, ErrorKind.DOUBLE_RELEASE);
        assertEquals(ViolationKind.UNEXPECTED_ERROR,
                AllocatorLinearizer.check(typed(), history, leased(1)).orElseThrow().kind());
    }

    @Test
    void callsThatDidNotOverlapKeepTheirOrder() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        history.released(history.begin(), lease, ErrorKind.DOUBLE_RELEASE); // ended before the next began
        history.released(history.begin(), lease, null);
        assertEquals(ViolationKind.UNEXPECTED_ERROR,
                AllocatorLinearizer.check(typed(), history, leased(0)).orElseThrow().kind(),
                "the refusal came first in real time, while the lease was live");
    }

    @Test
    void aGrantOfMemoryReleasedByAnOverlappingCallFitsWithTheReleaseFirst() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        long release = history.begin();
        long allocate = history.begin();
        history.granted(allocate, 4096, X, 4096); // recorded before the release it must follow
        history.released(release, lease, null);
        assertEquals(Optional.empty(), AllocatorLinearizer.check(typed(), history, leased(1)));
    }

    @Test
    void aGrantOfMemoryStillLeasedInRealTimeIsAnAlias() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        history.granted(history.begin(), 4096, X + 2048, 4096); // overlaps the live lease
        history.released(history.begin(), lease, null);
        assertEquals(ViolationKind.ALIAS, AllocatorLinearizer.check(typed(), history, leased(1)).orElseThrow().kind());
    }

    @Test
    void anOldInstanceReleasedAcceptedAfterItsAddressWasLeasedAgainIsStale() {
        AllocatorHistory history = new AllocatorHistory();
        int old = history.granted(history.begin(), 4096, X, 4096);
        history.released(history.begin(), old, null);
        history.granted(history.begin(), 4096, X, 4096);
        history.released(history.begin(), old, null);
        assertEquals(ViolationKind.STALE_RELEASE, AllocatorLinearizer.check(typed(), history, leased(0)).orElseThrow().kind());
    }

    @Test
    void aSilentDesignMayReturnNormallyFromARefusalButNotCountIt() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        history.granted(history.begin(), 4096, Y, 4096);
        history.released(history.begin(), lease, null);
        history.released(history.begin(), lease, null);
        assertEquals(Optional.empty(), AllocatorLinearizer.check(silent(), history, leased(1)));
        assertEquals(ViolationKind.USE_AFTER_RELEASE,
                AllocatorLinearizer.check(silent(), history, leased(0)).orElseThrow().kind(),
                "counting the ignored release took the other owner's lease off the books");
    }

    @Test
    void countersAtRestAboveTheModelsLeasesAreALeak() {
        AllocatorHistory history = new AllocatorHistory();
        int lease = history.granted(history.begin(), 4096, X, 4096);
        history.released(history.begin(), lease, null);
        assertEquals(ViolationKind.LEAK, AllocatorLinearizer.check(typed(), history, leased(1)).orElseThrow().kind());
        assertEquals(Optional.empty(), AllocatorLinearizer.check(typed(), history, null), "no counters, nothing to compare");
    }

    @Test
    void aReleaseNamingNoAllocateOfTheHistoryIsRefused() {
        AllocatorHistory history = new AllocatorHistory();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> history.released(history.begin(), 0, null));
        assertEquals(List.of(), history.calls(), "a refused record leaves the history unchanged");
    }
}
