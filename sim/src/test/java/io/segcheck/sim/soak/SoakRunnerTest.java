package io.segcheck.sim.soak;

import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.sim.cli.ExitCode;
import io.segcheck.sim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short in-process soaks: a clean run is clean, and each kind of broken allocator is caught. */
class SoakRunnerTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    /** Enough operations to end warm-up and keep going, however busy the machine is. */
    private static final long MINIMUM_OPERATIONS = 3 * SoakRunner.WARMUP_OPERATIONS;

    @Test
    void shortSoakOfTheAllocatorEndsCleanWithNothingLeased() throws Exception {
        try (OffHeapAllocator allocator = SegmentAllocators.create()) {
            SoakReport report = new SoakRunner(7, SHORT, 2, MINIMUM_OPERATIONS)
                    .run(new AllocatorSoakWorkload(allocator));
            assertTrue(report.clean(), report.violations().toString());
            assertTrue(report.operations() >= MINIMUM_OPERATIONS, "operations=" + report.operations());
            assertEquals(0L, report.figures().get("leasedSegments"));
            assertEquals(1L, report.figures().get("growthChecked"), "the run warmed up, so growth was checked");
            assertEquals(0L, report.figures().get("rejectedReleases"));
            assertTrue(report.figures().get("highWaterBytes") > 0);
            assertEquals(allocator.stats().mappedBytes(), report.figures().get("mappedBytes"));
        }
    }

    @Test
    void soakReportsLeakWhenASegmentIsStillLeasedAtQuiescence() throws Exception {
        try (OffHeapAllocator allocator = SegmentAllocators.create()) {
            allocator.allocate(4096); // leased outside the workers, never released
            SoakReport report = new SoakRunner(7, SHORT, 1).run(new AllocatorSoakWorkload(allocator));
            assertFalse(report.clean());
            assertTrue(report.violations().getFirst().startsWith("LEAK"), report.violations().toString());
        }
    }

    @Test
    void soakReportsGrowthAndLeakWhenReleasesAreDropped() throws Exception {
        try (OffHeapAllocator allocator = SegmentAllocators.create()) {
            OffHeapAllocator leaky = new DroppingEveryNthRelease(allocator, 50);
            SoakReport report = new SoakRunner(7, SHORT, 2, MINIMUM_OPERATIONS)
                    .run(new AllocatorSoakWorkload(leaky));
            assertTrue(report.violations().stream().anyMatch(violation -> violation.startsWith("GROWTH")),
                    report.violations().toString());
            assertTrue(report.violations().stream().anyMatch(violation -> violation.startsWith("LEAK")),
                    report.violations().toString());
        }
    }

    @Test
    void soakReportsDirtySegmentsAndRejectedReleases() throws Exception {
        try (OffHeapAllocator allocator = SegmentAllocators.create()) {
            OffHeapAllocator broken = new DirtyingDoubleReleaser(allocator);
            SoakReport report = new SoakRunner(7, SHORT, 1).run(new AllocatorSoakWorkload(broken));
            assertTrue(report.violations().stream().anyMatch(violation -> violation.startsWith("NOT_ZEROED")),
                    report.violations().toString());
        }
        try (OffHeapAllocator allocator = SegmentAllocators.create()) {
            OffHeapAllocator broken = new DirtyingDoubleReleaser(allocator).releasingTwice();
            SoakReport report = new SoakRunner(7, SHORT, 1).run(new AllocatorSoakWorkload(broken));
            assertTrue(report.violations().stream().anyMatch(violation -> violation.startsWith("REJECTED_RELEASE")),
                    report.violations().toString());
        }
    }

    @Test
    void soakCommandPrintsSeedFirstAndExitsCleanOnAHealthyAllocator() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Main.run(new String[] {"soak", "--seconds", "1", "--threads", "2", "--seed", "99",
            "--budget", "256M"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.CLEAN, code, text);
        assertTrue(text.startsWith("SEED=99 seconds=1 threads=2"), text);
        assertTrue(text.contains("budgetBytes=268435456"), text);
        assertTrue(text.contains("soak: CLEAN"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--seconds 0", "--seconds x", "--threads 0", "--budget 1K", "--budget -5", "--bogus 1",
        "--seconds"})
    void soakCommandRejectsBadArgumentsWithUsageExit(String arguments) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] words = ("soak " + arguments).split(" ");
        ExitCode code = Main.run(words, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: segcheck soak"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Forwards to a real allocator but silently drops every n-th release: a leak. */
    private static final class DroppingEveryNthRelease extends ForwardingOffHeapAllocator {
        private final int n;
        private final AtomicLong releases = new AtomicLong();

        DroppingEveryNthRelease(OffHeapAllocator delegate, int n) {
            super(delegate);
            this.n = n;
        }

        @Override
        public void release(MemorySegment segment) {
            if (releases.incrementAndGet() % n != 0) {
                super.release(segment);
            }
        }
    }

    /** Forwards to a real allocator but hands out dirty segments, or releases every segment twice. */
    private static final class DirtyingDoubleReleaser extends ForwardingOffHeapAllocator {
        private final boolean twice;

        DirtyingDoubleReleaser(OffHeapAllocator delegate) {
            this(delegate, false);
        }

        private DirtyingDoubleReleaser(OffHeapAllocator delegate, boolean twice) {
            super(delegate);
            this.twice = twice;
        }

        DirtyingDoubleReleaser releasingTwice() {
            return new DirtyingDoubleReleaser(delegate(), true);
        }

        @Override
        public MemorySegment allocate(long bytes) {
            MemorySegment segment = super.allocate(bytes);
            if (!twice) {
                segment.set(ValueLayout.JAVA_LONG, 0, 1L);
            }
            return segment;
        }

        @Override
        public void release(MemorySegment segment) {
            super.release(segment);
            if (twice) {
                super.release(segment);
            }
        }
    }
}
