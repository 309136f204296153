package io.segcheck.sim.simulation;

import io.segcheck.sim.runner.Step;

import java.util.SplittableRandom;

/**
 * What a logical worker does, each with its own seeded stream of operations. Worker steps are
 * {@code action worker args...}; page, guard and raw-segment arguments count from the worker's
 * own newest object (0 is the newest), so removing another worker's steps while shrinking never
 * changes what a step refers to.
 */
enum WorkerRole {
    /** Borrows pages, fills them (resizing), caches them under their own key, returns and reuses them. */
    TRANSACTION,
    /** Guards cached pages by key, reads pages, closes its guards. */
    READER,
    /** Invalidates keys, runs Caffeine's maintenance, moves the clock. */
    EVICTOR,
    /** Leases and releases segments straight from the allocator. */
    RAW_USER;

    /** Keys readers and the evictor ask for: transactions cache page i under key i, so low keys hit. */
    static final int KEY_RANGE = 12;

    /** The role of worker {@code index}: transactions, readers, an evictor and raw users, in turn. */
    static WorkerRole of(int index) {
        return values()[index % values().length];
    }

    /** The next operation of worker {@code worker} in this role. */
    Step next(int worker, SplittableRandom random) {
        return switch (this) {
            case TRANSACTION -> transaction(worker, random);
            case READER -> reader(worker, random);
            case EVICTOR -> evictor(worker, random);
            case RAW_USER -> rawUser(worker, random);
        };
    }

    private static Step transaction(int worker, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 14) {
            return Step.of("borrow", worker, size(random), random.nextInt(2));
        }
        if (roll < 44) {
            return Step.of("setSlot", worker, local(random), random.nextInt(24), length(random), random.nextInt(256));
        }
        if (roll < 52) {
            return Step.of("setDeweyId", worker, local(random), random.nextInt(24), length(random), random.nextInt(256));
        }
        if (roll < 68) {
            return Step.of("put", worker, local(random));
        }
        if (roll < 76) {
            return Step.of("getSlot", worker, local(random), random.nextInt(24));
        }
        if (roll < 86) {
            return Step.of("returnPage", worker, local(random));
        }
        if (roll < 96) {
            return Step.of("resetForReuse", worker, local(random), size(random), random.nextInt(2));
        }
        return Step.of("clear", worker, local(random));
    }

    private static Step reader(int worker, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return Step.of("getAndGuard", worker, random.nextInt(KEY_RANGE));
        }
        if (roll < 65) {
            return Step.of("readSlot", worker, random.nextInt(16), random.nextInt(24));
        }
        return Step.of("closeGuard", worker, local(random));
    }

    private static Step evictor(int worker, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return Step.of("invalidate", worker, random.nextInt(KEY_RANGE));
        }
        if (roll < 50) {
            return Step.of("invalidateAll", worker, random.nextInt(2));
        }
        if (roll < 75) {
            return Step.of("cleanUp", worker, random.nextInt(2));
        }
        return Step.of("tick", worker, random.nextInt(45));
    }

    private static Step rawUser(int worker, SplittableRandom random) {
        return random.nextInt(100) < 55
                ? Step.of("allocate", worker, size(random))
                : Step.of("release", worker, local(random));
    }

    /** Mostly the newest objects, sometimes older ones. */
    private static long local(SplittableRandom random) {
        return random.nextInt(100) < 60 ? 0 : random.nextInt(6);
    }

    /** Mostly small segments (resizes soon), sometimes large ones (budget pressure). */
    private static long size(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return 1 + random.nextInt(4096);
        }
        if (roll < 90) {
            return 4097 + random.nextInt(60_000);
        }
        return 65_537 + random.nextInt(196_000);
    }

    /** Mostly short payloads, sometimes long ones that force a resize. */
    private static long length(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return random.nextInt(200);
        }
        if (roll < 95) {
            return 200 + random.nextInt(4000);
        }
        return 4000 + random.nextInt(30_000);
    }
}
