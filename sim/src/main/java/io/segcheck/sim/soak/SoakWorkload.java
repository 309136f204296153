package io.segcheck.sim.soak;

/**
 * One kind of load the soak runs on real threads: today the allocator alone, later pages, pools
 * and caches. The runner owns threads, time and the report; a workload owns what it exercises
 * and what "nothing leaked" means for it.
 */
public interface SoakWorkload {

    /** Short name printed in the settings line, e.g. {@code allocator}. */
    String name();

    /** Settings of this workload for the first output line, in {@code key=value} form. */
    String settings();

    /**
     * State of one thread. Called on the coordinating thread before the workers start.
     *
     * @param seed the worker's own seed, derived from the run's seed and the worker index
     */
    Worker newWorker(int workerIndex, long seed);

    /** Bytes the workload holds from the system now (e.g. mapped bytes); sampled to see it stop growing. */
    long footprintBytes();

    /**
     * Whether the footprint has reached its steady level, so growth from now on means a leak.
     * Sampled by the coordinator; the runner also waits for time and operations. Default: yes.
     */
    default boolean isWarm() {
        return true;
    }

    /** Adds the end-of-run figures and the violations found at quiescence (all workers finished). */
    void checkQuiescent(SoakReport.Builder report);

    /** One thread's share of the load; used by that thread only. */
    interface Worker {

        /** One operation; records violations in {@code report} and returns normally. */
        void step(SoakReport.Builder report);

        /** Gives back everything this worker still holds, so the run can reach quiescence. */
        void finish(SoakReport.Builder report);
    }
}
