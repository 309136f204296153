package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A pin keeps the calling thread, and the threads it starts, on its job's core, and closing it
 * gives the thread back its cores; two jobs get two cores. Read back from the kernel
 * ({@code /proc/thread-self/status}), so a pin that did nothing fails here.
 */
class CorePinningTest {

    private static String allowedCpus() {
        try {
            return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length()).trim();
        } catch (IOException unreadable) {
            throw new AssertionError("cannot read this thread's cores", unreadable);
        }
    }

    /** How many cores this thread may run on: the ranges of {@code Cpus_allowed_list}, e.g. {@code 0-3,8}. */
    private static int allowedCoreCount() {
        int count = 0;
        for (String range : allowedCpus().split(",")) {
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }

    @Test
    void aPinHoldsTheThreadAndItsNewThreadsOnTheJobsCoreUntilClosed() throws InterruptedException {
        OptionalInt core = CorePinning.cpuForJob(1);
        assumeTrue(core.isPresent(), "this machine cannot pin (not Linux, or one core)");
        String before = allowedCpus();
        AtomicReference<String> started = new AtomicReference<>();
        CorePinning.Pin pin = CorePinning.toJob(1);
        try {
            assertEquals(Integer.toString(core.getAsInt()), allowedCpus());
            Thread thread = Thread.ofPlatform().start(() -> started.set(allowedCpus()));
            thread.join();
            assertEquals(Integer.toString(core.getAsInt()), started.get(), "a thread started while pinned inherits the core");
        } finally {
            pin.close();
        }
        assertEquals(before, allowedCpus(), "closing the pin gives the thread its cores back");
    }

    @Test
    void twoJobsGetTwoCores() {
        assumeTrue(CorePinning.cpuForJob(0).isPresent(), "this machine cannot pin (not Linux, or one core)");
        assertNotEquals(CorePinning.cpuForJob(0), CorePinning.cpuForJob(1));
        // wrap-around is at the cores this process may run on, which a CPU quota does not shrink
        // (availableProcessors() may be fewer)
        assertEquals(CorePinning.cpuForJob(0), CorePinning.cpuForJob(allowedCoreCount()),
                "jobs beyond the cores wrap around");
    }

    @Test
    void aNegativeJobIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CorePinning.cpuForJob(-1));
    }
}
