package io.segcheck.sim.junit;

import io.segcheck.junit.AllocatorSweep;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.sim.runner.RunReport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The JUnit front door runs its seeds in parallel under JUnit's own settings
 * ({@code junit.jupiter.execution.parallel.*}), with the same failing seeds, the same failure
 * messages and the same replay files as one seed at a time.
 *
 * <p>That two seeds really ran at once is shown without timing: under the parallel settings the
 * first two worlds wait for each other at a latch, which one thread alone could never pass.
 */
class AllocatorSweepParallelTest {

    private static final String FOLDER_PARAMETER = "segcheck.test.failures";
    private static final String MEET_PARAMETER = "segcheck.test.meet";
    private static final int SEEDS = 40;

    @TempDir
    Path folder;

    /** What one launch found: the failure message of each failing seed's test, by test name. */
    private record Launch(Map<String, String> failures, long testsRun, Map<String, String> replays) {
    }

    @Test
    void seedsRunInParallelUnderJunitsSettingsWithTheSameFailuresAndReplays() throws IOException {
        Launch sequential = launch(folder.resolve("sequential"), Map.of());
        Launch parallel = launch(folder.resolve("parallel"), Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2",
                MEET_PARAMETER, "true"));
        assertEquals(SEEDS, sequential.testsRun());
        assertTrue(sequential.failures().size() >= 3, "the planted break should fail several seeds: "
                + sequential.failures().keySet());
        assertEquals(sequential.testsRun(), parallel.testsRun());
        assertEquals(sequential.failures(), parallel.failures());
        assertEquals(sequential.replays(), parallel.replays());
    }

    @Test
    void firstFailureOnTwoJobsIsTheLowestFailingSeedShrunkAsOnOne() {
        AllocatorFactory factory = new SegcheckAllocatorFactory().wrapped(Fixture::notZeroing);
        AllocatorSweep sweep = AllocatorSweep.of(factory).seeds(3, SEEDS).failuresTo(folder);
        RunReport one = sweep.jobs(1).firstFailure().orElseThrow();
        RunReport two = sweep.jobs(2).firstFailure().orElseThrow();
        assertEquals(one.config(), two.config());
        assertEquals(one.finalSteps(), two.finalSteps());
        assertEquals(one.finalOutcome().traceHash(), two.finalOutcome().traceHash());
    }

    private static Launch launch(Path failures, Map<String, String> settings) throws IOException {
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(Fixture.class))
                .configurationParameter(FOLDER_PARAMETER, failures.toString())
                .configurationParameters(settings).build();
        Map<String, String> messages = new TreeMap<>();
        long[] testsRun = {0};
        LauncherFactory.create().execute(discovery, new TestExecutionListener() {
            @Override
            public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                testsRun[0]++;
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    messages.put(test.getDisplayName(), mask(result.getThrowable().map(Throwable::getMessage)
                            .orElse("?"), failures));
                }
            }
        });
        Map<String, String> replays = new TreeMap<>();
        if (Files.isDirectory(failures)) {
            try (Stream<Path> files = Files.list(failures)) {
                for (Path file : files.toList()) {
                    replays.put(file.getFileName().toString(), mask(Files.readString(file), failures));
                }
            }
        }
        return new Launch(messages, testsRun[0], replays);
    }

    /**
     * Native addresses differ in every process, and the folders differ by construction. Whether a
     * NOT_ZEROED slice's address once lay inside an earlier, unmapped lease of the same world (the
     * sentence names that previous owner, or says the model never leased the address) depends on
     * where mmap places the world's next region, which seeds running beside it change; the
     * violation kind, the step and the shrunk steps do not.
     */
    private static String mask(String text, Path failures) {
        return text.replace(failures.toString(), "FAILURES").replaceAll("0x[0-9a-f]+", "0xADDRESS")
                .replaceAll("; (previous owner: [^\n]*|the model never leased that address before)",
                        "; PREVIOUS_OWNER_BY_PLACEMENT");
    }

    /**
     * A user's test class: the sweep of an allocator that does not zero recycled slices. Left out
     * of the build's own run (surefire skips nested classes); launched above.
     */
    @ExtendWith(Fixture.Settings.class)
    static class Fixture {

        @TestFactory
        Stream<DynamicTest> sweep(Path failures, Boolean meet) {
            CountDownLatch twoWorldsOpen = new CountDownLatch(2);
            AllocatorFactory factory = new SegcheckAllocatorFactory().wrapped(allocator -> {
                if (meet) {
                    waitForAnotherWorld(twoWorldsOpen);
                }
                return notZeroing(allocator);
            });
            return AllocatorSweep.of(factory).seeds(0, SEEDS).failuresTo(failures).tests();
        }

        private static void waitForAnotherWorld(CountDownLatch twoWorldsOpen) {
            twoWorldsOpen.countDown();
            try {
                if (!twoWorldsOpen.await(60, TimeUnit.SECONDS)) {
                    throw new SeedsRanOneAtATime();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }

        /** An Error the engine does not take for the allocator's failure, so it fails the seed's test as it is. */
        static final class SeedsRanOneAtATime extends Error {
            private static final long serialVersionUID = 1L;

            SeedsRanOneAtATime() {
                super("no second seed ran beside this one: the seeds ran one at a time");
            }
        }

        /**
         * Hands out a dirty last byte for every request of a multiple of 5 bytes: a break that depends
         * on the calls alone, not on which addresses the kernel maps, so every run fails the same seeds.
         */
        private static OffHeapAllocator notZeroing(OffHeapAllocator allocator) {
            return new ForwardingOffHeapAllocator(allocator) {
                @Override
                public MemorySegment allocate(long bytes) {
                    MemorySegment segment = super.allocate(bytes);
                    if (bytes % 5 == 0) {
                        segment.set(ValueLayout.JAVA_BYTE, segment.byteSize() - 1, (byte) 0x5A);
                    }
                    return segment;
                }
            };
        }

        /** The failure folder and whether to meet, from the launcher's configuration parameters. */
        static final class Settings implements ParameterResolver {
            @Override
            public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
                return parameter.getParameter().getType() == Path.class
                        || parameter.getParameter().getType() == Boolean.class;
            }

            @Override
            public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
                if (parameter.getParameter().getType() == Path.class) {
                    return Path.of(context.getConfigurationParameter(FOLDER_PARAMETER).orElseThrow());
                }
                return context.getConfigurationParameter(MEET_PARAMETER).map(Boolean::parseBoolean).orElse(false);
            }
        }
    }
}
