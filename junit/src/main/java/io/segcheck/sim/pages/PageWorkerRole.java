package io.segcheck.sim.pages;

import io.segcheck.sim.runner.Step;

import java.util.SplittableRandom;

/**
 * What a logical worker of the page simulator does, each with its own seeded stream of calls.
 * Steps are {@code action worker args...}; a page argument counts from the newest page (0 the
 * newest), a guard argument from the worker's own newest guard, and a trailing {@code failAt}
 * names the allocation of the call that fails (0: none), so a step carries its own fault.
 */
enum PageWorkerRole {
    /** Opens pages and grows them: records and DeweyIDs, some long enough to resize or overflow. */
    WRITER(6),
    /** Returns pages, sometimes two returns at once. */
    RETURNER(1),
    /** Clears pages and reads what is left. */
    CLEARER(1),
    /** Resets returned pages for reuse, and opens new ones. */
    RESETTER(1),
    /** Pins pages with guards, reads under them, closes them; only where the design has guards. */
    GUARD_HOLDER(2),
    /** Borrows pages from the factory's pool, writes them, gives them back; only with a pool. */
    POOL_USER(3),
    /** Opens and writes pages, puts them in the factory's cache, gets, invalidates, runs removal listeners; only with a cache. */
    CACHE_USER(3);


    /** Slots drawn from the first few, so reads often find what writes stored. */
    private static final int SLOTS_DRAWN = 32;

    /** How often the scheduler picks a worker of this role, relative to the others. */
    private final int weight;

    PageWorkerRole(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }

    /**
     * The next call of worker {@code worker}.
     *
     * @param longest an eighth of the largest area: most long entries are shorter, a few up to four times as long
     * @param failurePermille how often a call that may allocate carries a failing allocation
     */
    Step next(int worker, SplittableRandom random, int longest, int failurePermille) {
        int roll = random.nextInt(100);
        return switch (this) {
            case WRITER -> roll < 4 ? open(PageActions.OPEN, worker, random, failurePermille)
                    : roll < 58 ? write(PageActions.WRITE_RECORD, worker, random, longest, failurePermille)
                    : roll < 78 ? write(PageActions.WRITE_DEWEY_ID, worker, random, longest, failurePermille)
                    : roll < 92 ? read(PageActions.READ_RECORD, worker, random)
                    : read(PageActions.READ_DEWEY_ID, worker, random);
            case RETURNER -> Step.of(roll < 70 ? PageActions.RETURN : PageActions.RACING_RETURNS, worker, page(random));
            case CLEARER -> roll < 60 ? Step.of(PageActions.CLEAR, worker, page(random))
                    : read(PageActions.READ_RECORD, worker, random);
            case RESETTER -> roll < 85 ? Step.of(PageActions.RESET, worker, page(random), failAt(random, failurePermille))
                    : open(PageActions.OPEN, worker, random, failurePermille);
            case GUARD_HOLDER -> roll < 40 ? Step.of(PageSimulationActions.GUARD, worker, page(random))
                    : roll < 75 ? Step.of(PageSimulationActions.READ_GUARDED, worker, page(random), slot(random))
                    : Step.of(PageSimulationActions.CLOSE_GUARD, worker, page(random));
            case CACHE_USER -> roll < 10 ? open(PageActions.OPEN, worker, random, failurePermille)
                    : roll < 30 ? write(PageActions.WRITE_RECORD, worker, random, longest, failurePermille)
                    : roll < 52 ? Step.of(PageActions.CACHE_PUT, worker, page(random), key(random))
                    : roll < 67 ? Step.of(PageActions.CACHE_GET, worker, key(random))
                    : roll < 80 ? Step.of(PageActions.CACHE_INVALIDATE, worker, key(random))
                    : Step.of(PageActions.RUN_REMOVAL, worker);
            case POOL_USER -> roll < 12 ? open(PageActions.BORROW, worker, random, failurePermille)
                    : roll < 70 ? write(PageActions.WRITE_RECORD, worker, random, longest, failurePermille)
                    : Step.of(PageActions.GIVE_BACK, worker, page(random));
        };
    }

    private static Step open(String action, int worker, SplittableRandom random, int failurePermille) {
        return Step.of(action, worker, random.nextInt(3), failAt(random, failurePermille));
    }

    private static Step write(String action, int worker, SplittableRandom random, int longest, int failurePermille) {
        int roll = random.nextInt(100);
        long length = roll < 65 ? 1 + random.nextInt(64) : roll < 88 ? 1 + random.nextInt(longest)
                : longest + random.nextInt(3 * longest); // up to half the largest area: pages reach their maximum
        return Step.of(action, worker, page(random), slot(random), length, random.nextInt(256),
                failAt(random, failurePermille));
    }

    private static Step read(String action, int worker, SplittableRandom random) {
        return Step.of(action, worker, page(random), slot(random));
    }

    /** Mostly the newest pages, sometimes older ones. */
    private static long page(SplittableRandom random) {
        return random.nextInt(100) < 60 ? 0 : random.nextInt(6);
    }

    private static long slot(SplittableRandom random) {
        return random.nextInt(SLOTS_DRAWN);
    }

    private static long key(SplittableRandom random) {
        return random.nextInt(PageActions.KEYS_DRAWN);
    }

    /** 0 (no failure) or which allocation of the call fails, the first or the second. */
    private static long failAt(SplittableRandom random, int failurePermille) {
        return random.nextInt(1000) < failurePermille ? 1 + random.nextInt(2) : 0;
    }
}
