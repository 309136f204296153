package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' results reach the caller in seed order whatever order they finish in; a stop runs no
 * seed beyond the window; a seed's exception comes back in its turn. No assertion depends on timing:
 * where a test needs two seeds at once it waits for them with latches.
 */
class ParallelSeedsTest {

    private static final long PATIENCE_SECONDS = 60;

    @Test
    void resultsArriveInSeedOrderEvenWhenALaterSeedFinishesFirst() throws InterruptedException {
        CountDownLatch laterSeedDone = new CountDownLatch(1);
        List<Long> finished = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> delivered = new ArrayList<>();
        ParallelSeeds.run(SeedRange.of(0, 40), 3, seed -> {
            if (seed == 0) {
                await(laterSeedDone); // seed 0 finishes only after seed 5, so the two finish out of order
            }
            finished.add(seed);
            if (seed == 5) {
                laterSeedDone.countDown();
            }
            return seed * 10;
        }, (seed, result) -> {
            assertEquals(seed * 10, result);
            delivered.add(seed);
            return true;
        });
        assertTrue(finished.indexOf(5L) < finished.indexOf(0L), "finished " + finished);
        assertEquals(java.util.stream.LongStream.range(0, 40).boxed().toList(), delivered);
    }

    /**
     * Batches: each worker claims consecutive seeds several at a time; results still arrive in seed
     * order, every seed once. A batch that throws is run again seed by seed, so only the failing
     * seed reports the failure, in its turn, and the seeds before it are delivered as results.
     */
    @Test
    void batchesDeliverInSeedOrderAndAFailingBatchBlamesOnlyItsFailingSeed() {
        List<Long> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        ParallelSeeds.Batching<Long> work = new ParallelSeeds.Batching<>() {
            @Override
            public int batchSize() {
                return 5;
            }

            @Override
            public List<Long> runAll(long[] seeds) {
                batchSizes.add((long) seeds.length);
                List<Long> results = new ArrayList<>();
                for (long seed : seeds) {
                    results.add(run(seed));
                }
                return results;
            }

            @Override
            public Long run(long seed) {
                if (seed == 23) {
                    throw new IllegalStateException("seed 23 fails");
                }
                return seed * 10;
            }
        };
        List<Long> delivered = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ParallelSeeds.run(
                SeedRange.of(0, 40), 2, work, (seed, result) -> {
                    assertEquals(seed * 10, result);
                    return delivered.add(seed);
                }));
        assertEquals("seed 23 fails", failure.getMessage());
        assertEquals(java.util.stream.LongStream.range(0, 23).boxed().toList(), delivered);
        assertTrue(batchSizes.stream().anyMatch(size -> size > 1), "no batch of several seeds: " + batchSizes);
    }

    @Test
    void shardedRangesAreDeliveredInTheirOwnOrder() {
        SeedRange shard = new SeedRange(3, 50, 1, 4);
        List<Long> delivered = new ArrayList<>();
        ParallelSeeds.run(shard, 2, seed -> seed, (seed, result) -> delivered.add(seed));
        List<Long> expected = new ArrayList<>();
        shard.iterator().forEachRemaining((long seed) -> expected.add(seed));
        assertEquals(expected, delivered);
    }

    @Test
    void aStopRunsNoSeedBeyondTheWindowAndWaitsForTheSeedsInFlight() {
        Set<Long> started = ConcurrentHashMap.newKeySet();
        Set<Long> finished = ConcurrentHashMap.newKeySet();
        List<Long> delivered = new ArrayList<>();
        int jobs = 2;
        ParallelSeeds.run(SeedRange.of(0, 100_000), jobs, seed -> {
            started.add(seed);
            Thread.yield();
            finished.add(seed);
            return seed;
        }, (seed, result) -> {
            delivered.add(seed);
            return seed < 10;
        });
        assertEquals(11, delivered.size());
        assertEquals(started, finished, "a seed was still running after run returned");
        long highest = started.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(highest < 11 + 8 * jobs, "seed " + highest + " ran although the caller stopped at seed 10");
    }

    @Test
    void aSeedsExceptionIsRethrownInItsTurnOnTheCallingThread() {
        List<Long> delivered = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ParallelSeeds.run(
                SeedRange.of(0, 30), 2, seed -> {
                    if (seed == 7 || seed == 20) {
                        throw new IllegalStateException("engine failure at seed " + seed);
                    }
                    return seed;
                }, (seed, result) -> delivered.add(seed)));
        assertEquals("engine failure at seed 7", thrown.getMessage());
        assertEquals(java.util.stream.LongStream.range(0, 7).boxed().toList(), delivered);
    }

    @Test
    void anExceptionAfterTheStopIsNeverSeen() {
        AtomicLong lastDelivered = new AtomicLong(-1);
        ParallelSeeds.run(SeedRange.of(0, 30), 2, seed -> {
            if (seed == 8) {
                throw new IllegalStateException("not needed");
            }
            return seed;
        }, (seed, result) -> {
            lastDelivered.set(seed);
            return seed < 5;
        });
        assertEquals(5, lastDelivered.get());
    }

    @Test
    void oneJobRunsEverySeedOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        ParallelSeeds.run(SeedRange.of(0, 5), 1, seed -> Thread.currentThread(), (seed, thread) -> {
            assertSame(caller, thread);
            return true;
        });
        assertThrows(IllegalArgumentException.class, () -> ParallelSeeds.run(SeedRange.of(0, 5), 0, seed -> seed,
                (seed, result) -> true));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the other seed never finished");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
