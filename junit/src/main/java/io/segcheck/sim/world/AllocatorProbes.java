package io.segcheck.sim.world;

import io.segcheck.api.Probes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a world plugs into the allocator's {@link Probes}: counts the marks the allocator declared
 * by name as its code reaches them, and asks the world's fault hook whether a named fault site
 * fails (only inside a real call, and only when the simulation armed it from its seed).
 */
final class AllocatorProbes implements Probes.Sink {

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final RecordingFaults faults;

    AllocatorProbes(RecordingFaults faults) {
        this.faults = faults;
    }

    @Override
    public void reached(String mark) {
        counts.merge(mark, 1L, Long::sum);
    }

    @Override
    public boolean fires(String site) {
        return faults.fireNamed(site);
    }

    /** The marks reached in this world, by name, in the order first reached. */
    Map<String, Long> reached() {
        return counts;
    }
}
