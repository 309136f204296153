package io.segcheck.sim.soak;

import java.util.List;

/**
 * Several workloads on one allocator at once: worker {@code i} runs workload {@code i mod n}.
 * Quiescence is checked in order, so a page workload can drain its cache before the allocator
 * workload asserts that nothing is leased.
 */
public final class CombinedSoakWorkload implements SoakWorkload {

    private final List<SoakWorkload> workloads;

    public CombinedSoakWorkload(List<SoakWorkload> workloads) {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("workloads=[] needs at least one workload");
        }
        this.workloads = List.copyOf(workloads);
    }

    @Override
    public String name() {
        return String.join("+", workloads.stream().map(SoakWorkload::name).toList());
    }

    @Override
    public String settings() {
        return String.join(" ", workloads.stream().map(workload -> workload.name() + "{" + workload.settings() + "}").toList());
    }

    @Override
    public Worker newWorker(int workerIndex, long seed) {
        return workloads.get(workerIndex % workloads.size()).newWorker(workerIndex, seed);
    }

    /** The workloads share one allocator, so the first one's footprint is everyone's. */
    @Override
    public long footprintBytes() {
        return workloads.getFirst().footprintBytes();
    }

    /** Warm when every workload is. */
    @Override
    public boolean isWarm() {
        return workloads.stream().allMatch(SoakWorkload::isWarm);
    }

    @Override
    public void checkQuiescent(SoakReport.Builder report) {
        workloads.forEach(workload -> workload.checkQuiescent(report));
    }
}
