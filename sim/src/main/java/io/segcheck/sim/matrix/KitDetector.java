package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The contract kit ({@code OffHeapAllocatorContract}) against segcheck's allocator with the defect
 * switched on: the kit's tests run in process through the JUnit Platform Launcher on
 * {@link KitContractUnderDefects}. The first failing test's name is the violation.
 *
 * <p>The kit checks an allocator alone, so only defects that live in the allocator apply. The
 * kit's forked checks are left out: their child JVM rebuilds the factory by class name, without
 * the defect, so they would check the fixed allocator (and no allocator defect concerns access
 * after close or release, which is what they check). The quick matrix also leaves out the
 * multi-threaded test ({@link #CONCURRENT_TEST}).
 */
final class KitDetector implements Detector {

    /** The defects whose branch is in {@code impl/alloc} (the allocator); every other one is in pages or caches. */
    static final Set<Defect> IN_ALLOCATOR = EnumSet.of(Defect.EXHAUSTION_SKIPS_UNMAP,
            Defect.FREE_STACK_WITHOUT_ABA_TAG, Defect.UNMAP_COUNTS_BEFORE_DRAIN, Defect.HIGH_WATER_COUNTS_DRAINED);

    /** The kit's tests that run in a forked JVM ({@code ForkedCheck}), left out (see the class comment). */
    static final List<String> FORKED_TESTS = List.of("segmentAccessAfterCloseThrowsInsteadOfCrashing",
            "accessThroughAReleasedSegmentThrows", "closeRacingAllocateAndReleaseOnlyEverThrowsIllegalState");

    /**
     * The kit's multi-threaded test, left out of the quick matrix to keep {@code mvn verify} short: it
     * is the kit's only chance at the defects that need a thread switch inside a call, and it missed
     * both in ten full passes.
     */
    static final String CONCURRENT_TEST = "concurrentAllocateAndReleaseNeverHandOneSegmentToTwoOwners";

    /** Passes over the kit per defect: once in the quick matrix, until the first failure in the full one. */
    static final int QUICK_ROUNDS = 1;
    static final int FULL_ROUNDS = 10;

    @Override
    public String name() {
        return "kit";
    }

    @Override
    public String technique() {
        return "the contract kit's JUnit tests (OffHeapAllocatorContract, forked checks left out) against segcheck's "
                + "allocator, in process through the JUnit Platform Launcher (quick " + QUICK_ROUNDS + " pass without the "
                + "multi-threaded test, full up to " + FULL_ROUNDS + " passes with it)";
    }

    @Override
    public Optional<String> notApplicable(Defect defect) {
        return IN_ALLOCATOR.contains(defect) ? Optional.empty()
                : Optional.of("it lives in pages or caches, not the allocator; the kit checks an allocator alone");
    }

    @Override
    public Cell detect(Defect defect, Depth depth) {
        int rounds = depth == Depth.QUICK ? QUICK_ROUNDS : FULL_ROUNDS;
        long startNanos = System.nanoTime();
        long testsRun = 0;
        for (int round = 0; round < rounds; round++) {
            Outcome outcome = run(Defects.of(defect), depth);
            testsRun += outcome.testsRun();
            if (outcome.firstFailure() != null) {
                return new Cell(defect.name(), name(), Verdict.CAUGHT, seconds(startNanos), testsRun, "tests", -1,
                        outcome.firstFailure(), firstLine(outcome.message()));
            }
        }
        return new Cell(defect.name(), name(), Verdict.MISSED, seconds(startNanos), testsRun, "tests", -1, "",
                rounds + (rounds == 1 ? " pass" : " passes") + " over the kit");
    }

    /** What one launch of the kit saw: tests finished, the first failing test's method name and message. */
    record Outcome(long testsRun, String firstFailure, String message) {
    }

    /** Runs the kit once against segcheck's allocator with {@code defects} on; the quick run without its multi-threaded test. */
    static Outcome run(Defects defects, Depth depth) {
        Set<String> leftOut = new HashSet<>(FORKED_TESTS);
        if (depth == Depth.QUICK) {
            leftOut.add(CONCURRENT_TEST);
        }
        LauncherDiscoveryRequest discovery = request()
                .selectors(selectClass(KitContractUnderDefects.class))
                .filters((PostDiscoveryFilter) descriptor -> included(descriptor, leftOut))
                .configurationParameter(KitContractUnderDefects.DEFECTS_PARAMETER, defects.toString())
                .build();
        Listener listener = new Listener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, listener);
        return new Outcome(listener.testsRun, listener.firstFailure, listener.message);
    }

    /** Leaves out the kit's tests named in {@code leftOut}. */
    private static FilterResult included(TestDescriptor descriptor, Set<String> leftOut) {
        boolean out = descriptor.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(source -> leftOut.contains(source.getMethodName())).orElse(false);
        return FilterResult.includedIf(!out, () -> "a kit test", () -> "left out of this run");
    }

    /** Counts finished tests and keeps the first failure (a failed assumption is a skip, not a failure). */
    private static final class Listener implements TestExecutionListener {
        private long testsRun;
        private String firstFailure;
        private String message = "";

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            testsRun++;
            if (result.getStatus() == TestExecutionResult.Status.FAILED && firstFailure == null) {
                firstFailure = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .map(MethodSource::getMethodName).orElse(test.getDisplayName());
                message = result.getThrowable().map(Throwable::toString).orElse("");
            }
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
