package io.segcheck.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU nanoseconds per operation of the benchmark threads, next to JMH's wall-clock score:
 * {@code -prof io.segcheck.bench.CpuTimeProfiler}.
 *
 * <p>Why: on a machine whose cores are shared with other work, a benchmark thread waits for a
 * core for a varying share of each iteration and the wall-clock score moves with the load, while
 * the CPU time the thread spent running its operations does not count that wait. What the other
 * work does to the caches still shows in both. {@code cpu.worker} sums the CPU time of JMH's
 * worker threads over the iteration (their operations and JMH's own loop, not the JIT or GC
 * threads) and divides it by every operation they ran in it; with one thread it reads like the
 * average-time score, with more it is the CPU cost of one operation (wall time per operation per
 * thread when every thread had its own core). {@code cpu.process} is the CPU time of the whole
 * process per operation, {@code cpu.system} the part of it in the kernel (at 100 clock ticks a
 * second), and {@code cpu.cores} the cores the process kept busy on average: the work beside the
 * benchmark threads (JIT, collector) shows there.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final String WORKER = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> cpuAtStart = Map.of();
    private long processCpuAtStart;
    private long systemTicksAtStart;
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation (robust to waiting for a shared core)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = workerCpuNanos();
        processCpuAtStart = processCpuNanos();
        systemTicksAtStart = systemTicks();
        wallAtStart = System.nanoTime();
    }

    /**
     * The process's CPU time in the kernel so far, in clock ticks (/proc/self/stat's stime, usually
     * 100 a second); -1 where there is no /proc.
     */
    private static long systemTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]); // field 15 of the line; the first two (pid, name) are cut
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }

    /** CPU time so far of the whole process: every thread, the JIT's and the collector's included. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    @Override
    public List<ScalarResult> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        long spentNanos = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            spentNanos += worker.getValue() - cpuAtStart.getOrDefault(worker.getKey(), 0L);
        }
        long operations = result.getMetadata().getAllOps();
        if (operations == 0) {
            return List.of();
        }
        long processNanos = processCpuNanos() - processCpuAtStart;
        double wallNanos = System.nanoTime() - wallAtStart;
        // cpu.cores: the cores the whole process kept busy on average over the iteration. At one job
        // more than 1 means work beside the benchmark thread (JIT, collector, pools) that two jobs
        // must share, which caps what a second job can add on a 2-core machine.
        return List.of(new ScalarResult("cpu.worker", (double) spentNanos / operations, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", (double) processNanos / operations, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", processNanos / wallNanos, "cores", AggregationPolicy.AVG),
                new ScalarResult("cpu.system", (systemTicks() - systemTicksAtStart) * 10_000_000.0 / operations,
                        "ns/op", AggregationPolicy.AVG));
    }

    /** CPU time so far of each live JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
