package io.segcheck.sim.world;

import io.segcheck.sim.runner.Switches;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Runner;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each allocator oracle of the sweep, shown catching an allocator broken on purpose: the real
 * allocator wrapped so that it breaks exactly one promise, swept over the default seeds with each
 * seed's own settings. A sweep that stays clean here would mean the oracle is blind.
 */
class PlantedAllocatorsTest {

    private static final int SEEDS = 200;

    /** Hands out recycled slices with a previous owner's byte left in them. */
    @Test
    void recycledSliceThatIsNotZeroedIsCaughtAsNotZeroed() {
        assertCaught(ViolationKind.NOT_ZEROED, allocator -> new ForwardingOffHeapAllocator(allocator) {
            private final Set<Long> seen = new HashSet<>();

            @Override
            public MemorySegment allocate(long bytes) {
                MemorySegment segment = super.allocate(bytes);
                if (!seen.add(segment.address())) {
                    segment.set(ValueLayout.JAVA_BYTE, segment.byteSize() - 1, (byte) 0x5A);
                }
                return segment;
            }
        });
    }

    /**
     * Accepts an old instance of a re-leased address (the ABA mutant) by releasing the current lease:
     * caught as STALE_RELEASE, the refusal it skipped, in every seed that finds it (a typed design's
     * accepted refusal is named like a silent one's, so one bug is one finding).
     */
    @Test
    void staleInstanceAcceptedAfterReuseIsCaught() {
        Set<ViolationKind> kinds = new java.util.TreeSet<>();
        Runner runner = new Runner(new WorldFactory(Coverage.SYSTEM, PlantedAllocatorsTest::staleAccepting));
        for (long seed = 0; seed < SEEDS; seed++) {
            RunConfig config = RunConfig.forSeed(seed, RunConfig.DEFAULT_STEPS, Switches.none());
            runner.execute(config, runner.generate(config)).violation().ifPresent(found -> kinds.add(found.kind()));
        }
        System.out.println("stale-accepting allocator, kinds over " + SEEDS + " seeds: " + kinds);
        assertTrue(kinds.contains(ViolationKind.STALE_RELEASE), kinds.toString());
        assertTrue(!kinds.contains(ViolationKind.MISSING_ERROR), "one bug, one name: " + kinds);
    }

    private static OffHeapAllocator staleAccepting(OffHeapAllocator allocator) {
        return new ForwardingOffHeapAllocator(allocator) {
            private final Map<Long, MemorySegment> current = new HashMap<>();

            @Override
            public MemorySegment allocate(long bytes) {
                MemorySegment segment = super.allocate(bytes);
                current.put(segment.address(), segment);
                return segment;
            }

            @Override
            public void release(MemorySegment segment) {
                MemorySegment lease = current.get(segment.address());
                super.release(lease != null && lease.byteSize() == segment.byteSize() ? lease : segment);
            }
        };
    }

    /** Reports quarantined slices as free. */
    @Test
    void quarantineCountedAsFreeIsCaughtAsStats() {
        assertCaught(ViolationKind.STATS, allocator -> new ForwardingOffHeapAllocator(allocator) {
            @Override
            public AllocatorStats stats() {
                AllocatorStats real = super.stats();
                List<AllocatorStats.ClassStats> classes = real.classes().stream()
                        .map(c -> new AllocatorStats.ClassStats(c.sizeBytes(), c.leasedSegments(),
                                c.freeSlices() + c.quarantinedSlices(), 0, c.mappedRegions()))
                        .toList();
                return new AllocatorStats(real.mappedBytes(), real.budgetBytes(), real.leasedSegments(),
                        real.leasedBytes(), real.highWaterBytes(), classes);
            }
        });
    }

    /** Reports the bytes leased now as the high-water mark. */
    @Test
    void highWaterThatFallsIsCaughtAsStats() {
        assertCaught(ViolationKind.STATS, allocator -> new ForwardingOffHeapAllocator(allocator) {
            @Override
            public AllocatorStats stats() {
                AllocatorStats real = super.stats();
                return new AllocatorStats(real.mappedBytes(), real.budgetBytes(), real.leasedSegments(),
                        real.leasedBytes(), real.leasedBytes(), real.classes());
            }
        });
    }

    /** The first failing seed's violation; {@code expected} null accepts any kind. */
    private static Violation assertCaught(ViolationKind expected, UnaryOperator<OffHeapAllocator> plant) {
        Runner runner = new Runner(new WorldFactory(Coverage.SYSTEM, plant));
        for (long seed = 0; seed < SEEDS; seed++) {
            RunConfig config = RunConfig.forSeed(seed, RunConfig.DEFAULT_STEPS, Switches.none());
            RunOutcome outcome = runner.execute(config, runner.generate(config));
            if (outcome.violation().isPresent()) {
                Violation violation = outcome.violation().get();
                if (expected != null) {
                    assertEquals(expected, violation.kind(), "SEED=" + seed + ": " + violation);
                }
                System.out.println("planted violation caught at SEED=" + seed + ": " + violation);
                return violation;
            }
        }
        return fail("the planted allocator passed " + SEEDS + " seeds: the oracle for " + expected + " is blind");
    }
}
