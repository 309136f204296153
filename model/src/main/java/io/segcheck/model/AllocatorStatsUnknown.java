package io.segcheck.model;

import io.segcheck.api.AllocatorStats;

/** The value an allocator reports for a counter it does not track; the model skips such fields. */
final class AllocatorStatsUnknown {

    static final long VALUE = AllocatorStats.UNKNOWN;

    private AllocatorStatsUnknown() {
    }
}
