package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Switches;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Checking;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulation workload that makes the machine-dependent paths of the real system frequent, so a
 * run that depends on more than its seed shows it in its trace hash:
 * <ul>
 *   <li>Caffeine's admission: a few hot keys read again and again and put again after each eviction,
 *   in caches that hold only a few heavy pages, so a warm candidate (frequency 6 or more) often
 *   meets a victim at least as warm;</li>
 *   <li>Caffeine's write buffer: long stretches of puts and invalidations with no maintenance (no
 *   cleanUp, no tick, rare runTask), well past the 128 pending writes a one-processor JVM's buffer holds;</li>
 *   <li>late releases: raw segments of several size classes under a tight budget (regions unmapped
 *   to make room, then mapped again) released a second time long after.</li>
 * </ul>
 */
final class CachePressure {

    /** Steps per seed: long enough for a stretch of 300 writes to one cache between maintenance. */
    static final int STEPS = 3_000;
    private static final long KIB = 1024;
    /** Pages, all borrowed first: page i is cached under key i, in cache i mod 2. */
    private static final int PAGES = 24;
    /** Keys 0..5, read again and again and put again after every eviction. */
    private static final int HOT_KEYS = 6;

    private CachePressure() {
    }

    /** The world: small caches (heavy eviction), a tight budget in small regions (unmaps), guard mode off. */
    static RunConfig config(long seed) {
        return new RunConfig(seed, STEPS, Switches.none(), seed % 2 == 0, 2, 2048 * KIB, 256 * KIB, 96 * KIB,
                Checking.LOCKSTEP);
    }

    /** One transaction, one reader, one evictor, one raw user; maintenance rare. */
    static SimulationSettings settings() {
        return new SimulationSettings(4, Scheduling.RANDOM, Map.of(), 20);
    }

    /**
     * Stretches of three kinds in turn: quiet (puts and invalidations of the first pages, no
     * maintenance: the write buffers fill), hot (new pages put and read under fresh keys, maintenance
     * rare: each one evicts many entries, comparing warm candidates with warm victims), and busy
     * (queued tasks run, cleanUp, ticks, pages reset for reuse so retired keys come back).
     */
    static List<Step> schedule(long seed) {
        return new Schedule(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xCAFE)).steps();
    }

    /** One seed's steps; counts the pages it borrowed, because keys are page ids. */
    private static final class Schedule {
        private final SplittableRandom random;
        private final List<Step> steps = new ArrayList<>(STEPS);
        private int pages;

        Schedule(SplittableRandom random) {
            this.random = random;
        }

        List<Step> steps() {
            while (pages < PAGES) {
                steps.add(borrow());
            }
            int kind = 0;
            while (steps.size() < STEPS) {
                int stretch = kind == 0 ? 500 + random.nextInt(400) : kind == 1 ? 600 + random.nextInt(400)
                        : 60 + random.nextInt(100);
                for (int i = 0; i < stretch && steps.size() < STEPS; i++) {
                    steps.add(kind == 0 ? quiet() : kind == 1 ? hot() : busy());
                }
                kind = (kind + 1) % 3;
            }
            return steps;
        }

        /** Writes to the first pages' keys, nothing that runs maintenance. */
        private Step quiet() {
            int roll = random.nextInt(100);
            if (roll < 40) {
                return Step.of("put", 0, pages - 1 - pick(PAGES));
            }
            if (roll < 72) {
                return Step.of("invalidate", 2, pick(PAGES));
            }
            if (roll < 82) {
                return Step.of("getAndGuard", 1, pick(HOT_KEYS));
            }
            if (roll < 88) {
                return Step.of("closeGuard", 1, 0);
            }
            return rawOrPage();
        }

        /** New pages, put and read again and again under their fresh keys; maintenance only now and then. */
        private Step hot() {
            int roll = random.nextInt(1000);
            if (roll < 50) {
                return borrow();
            }
            if (roll < 350) {
                return Step.of("put", 0, pick(12));
            }
            if (roll < 600) {
                return Step.of("getAndGuard", 1, pages - 1 - pick(HOT_KEYS * 2));
            }
            if (roll < 720) {
                return Step.of("closeGuard", 1, 0);
            }
            if (roll < 800) {
                return Step.of("invalidate", 2, pages - 1 - pick(HOT_KEYS * 3));
            }
            if (roll < 815) {
                return Step.of("runTask", pick(4));
            }
            if (roll < 820) {
                return Step.of("cleanUp", 2, pick(2));
            }
            return rawOrPage();
        }

        /** Maintenance and listeners run; returned pages live again, so their keys can be put again. */
        private Step busy() {
            int roll = random.nextInt(100);
            if (roll < 25) {
                return Step.of("runTask", pick(4));
            }
            if (roll < 30) {
                return Step.of("cleanUp", 2, pick(2));
            }
            if (roll < 33) {
                return Step.of("tick", 2, pick(40));
            }
            if (roll < 50) {
                return Step.of("put", 0, pick(PAGES));
            }
            if (roll < 75) {
                return Step.of("getAndGuard", 1, pick(HOT_KEYS));
            }
            if (roll < 82) {
                return Step.of("closeGuard", 1, 0);
            }
            if (roll < 90) {
                return Step.of("resetForReuse", 0, pick(PAGES), pageBytes(), pick(2));
            }
            return rawOrPage();
        }

        /** Raw leases of four classes under the tight budget (regions unmapped to make room), released once or again. */
        private Step rawOrPage() {
            int roll = random.nextInt(100);
            if (roll < 40) {
                return Step.of("allocate", 3, rawSize(random));
            }
            if (roll < 75) {
                return Step.of("release", 3, pick(8));
            }
            return Step.of("setSlot", 0, pick(PAGES), pick(24), pick(300), pick(256));
        }

        private Step borrow() {
            pages++;
            return Step.of("borrow", 0, pageBytes(), pick(2));
        }

        /** 9 to 33 KB of slots: a few pages fill a 96 KiB cache. */
        private long pageBytes() {
            return 9_000 + random.nextInt(24_000);
        }

        private int pick(int bound) {
            return random.nextInt(bound);
        }
    }

    /** Sizes of four classes, so classes compete for the budget's regions. */
    private static long rawSize(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 3_000 + random.nextInt(1_000);
            case 1 -> 20_000 + random.nextInt(10_000);
            case 2 -> 70_000 + random.nextInt(50_000);
            default -> 200_000 + random.nextInt(50_000);
        };
    }

    static RunOutcome run(long seed) {
        return Simulator.execute(config(seed), settings(), schedule(seed), false);
    }

    static String hashLine(long seed) {
        return TraceHashes.line(seed, run(seed));
    }
}
