package io.segcheck.fray.scenario;

import io.segcheck.impl.alloc.SizeClass;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scenarios from a seed. Swarm testing: each seed switches some calls off and weighs the others
 * (1-4), so one seed hammers a few calls instead of spreading every seed thin over all of them.
 * Settings are small so rare paths come within a few calls: guard mode on, one free stack, regions
 * of the largest class (one or two slices of the big classes), a budget of one to three regions,
 * quarantines of 0-2 slices.
 */
final class ScenarioGenerator {

    private static final long REGION = SizeClass.MAX_BYTES;
    /** Mostly the smallest class (threads then share one free stack), and the largest (a region each: budget pressure). */
    private static final long[] ALLOCATE_SIZES = {100, SizeClass.MIN_BYTES, SizeClass.MIN_BYTES, 2L * SizeClass.MIN_BYTES,
            SizeClass.MAX_BYTES};
    private static final long[] PAGE_SIZES = {SizeClass.MIN_BYTES, 2L * SizeClass.MIN_BYTES, 16L * SizeClass.MIN_BYTES};
    /** Payload lengths: small entries, and ones that make the page's segment grow. */
    private static final long[] LENGTHS = {8, 64, 3000, 9000};
    private static final int KEYS = 3;

    private ScenarioGenerator() {
    }

    static Scenario generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
        Map<OpKind, Integer> weights = swarm(random);
        // A budget of one region half the time: every class then competes for the same bytes.
        long regions = random.nextBoolean() ? 1 : 2 + random.nextInt(2);
        Scenario.Settings settings = new Scenario.Settings(REGION * regions, REGION, random.nextInt(3));
        // Swarm on sizes too: each seed leases two sizes only, so threads meet on one class's free
        // stack, and a large one makes the classes compete for the budget.
        long[] sizes = {choose(random, ALLOCATE_SIZES), choose(random, ALLOCATE_SIZES)};
        List<Op> init = init(random, sizes);
        int threadCount = 2 + random.nextInt(3);
        List<List<Op>> threads = new ArrayList<>();
        for (int thread = 0; thread < threadCount; thread++) {
            int length = 1 + Math.max(random.nextInt(4), random.nextInt(4)); // leaning to longer threads: races need a few calls
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                ops.add(op(pick(random, weights), random, sizes));
            }
            threads.add(ops);
        }
        return new Scenario(seed, settings, init, threads);
    }

    /** Zero to two pages every thread can reach, most of them cached, and sometimes a raw lease. */
    private static List<Op> init(SplittableRandom random, long[] sizes) {
        List<Op> init = new ArrayList<>();
        int pages = random.nextInt(3);
        for (int page = 0; page < pages; page++) {
            init.add(Op.of(OpKind.BORROW, choose(random, PAGE_SIZES), random.nextInt(2)));
            if (random.nextInt(4) != 0) {
                init.add(Op.of(OpKind.PUT, page, page));
            }
        }
        if (random.nextBoolean()) {
            init.add(Op.of(OpKind.ALLOCATE, choose(random, sizes)));
            if (random.nextBoolean()) {
                init.add(Op.of(OpKind.RELEASE, 0)); // a mapped region with every slice free: unmap's prey
            }
        }
        return init;
    }

    /** The API's families; a seed hammers one or two of them, or all. */
    private static final List<EnumSet<OpKind>> FAMILIES = List.of(
            EnumSet.of(OpKind.ALLOCATE, OpKind.RELEASE, OpKind.RELEASE_FOREIGN, OpKind.STATS, OpKind.CLOSE),
            EnumSet.of(OpKind.BORROW, OpKind.SET_SLOT, OpKind.SET_DEWEY_ID, OpKind.GET_SLOT, OpKind.RETURN_SEGMENTS,
                    OpKind.RETURN_PAGE, OpKind.CLEAR, OpKind.GUARD, OpKind.CLOSE_GUARD),
            EnumSet.of(OpKind.PUT, OpKind.GET_AND_GUARD, OpKind.INVALIDATE, OpKind.INVALIDATE_ALL, OpKind.CLEAN_UP,
                    OpKind.GUARD, OpKind.CLOSE_GUARD, OpKind.RETURN_SEGMENTS));

    /**
     * Swarm weights: a quarter of the seeds draw from the whole API, the others from one or two
     * families; within them each call is on with probability 3/4 and weighs 1-4. Few calls on make
     * those few meet each other often, which is where races are.
     */
    private static Map<OpKind, Integer> swarm(SplittableRandom random) {
        EnumSet<OpKind> candidates = EnumSet.noneOf(OpKind.class);
        if (random.nextInt(4) == 0) {
            candidates = EnumSet.allOf(OpKind.class);
        } else {
            candidates.addAll(FAMILIES.get(random.nextInt(FAMILIES.size())));
            if (random.nextBoolean()) {
                candidates.addAll(FAMILIES.get(random.nextInt(FAMILIES.size())));
            }
        }
        Map<OpKind, Integer> weights = new EnumMap<>(OpKind.class);
        for (OpKind kind : candidates) {
            if (random.nextInt(4) < 3) {
                weights.put(kind, 1 + random.nextInt(4));
            }
        }
        // CLOSE ends every later call; keep it rare so most scenarios test the calls, not the refusals.
        weights.computeIfPresent(OpKind.CLOSE, (kind, weight) -> 1);
        // resetForReuse is three calls (two leases, then the reset) that the reference world makes as one
        // step; it cannot place a lease of it before another thread's call and the reset after, so
        // a run where they interleave has no explaining order although nothing is wrong. Not generated.
        weights.remove(OpKind.RESET_FOR_REUSE);
        if (weights.isEmpty()) {
            weights.put(random.nextBoolean() ? OpKind.ALLOCATE : OpKind.BORROW, 2);
        }
        return weights;
    }

    private static OpKind pick(SplittableRandom random, Map<OpKind, Integer> weights) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (Map.Entry<OpKind, Integer> entry : weights.entrySet()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("weights=" + weights);
    }

    private static Op op(OpKind kind, SplittableRandom random, long[] sizes) {
        int object = random.nextInt(4);
        return switch (kind) {
            case ALLOCATE -> Op.of(kind, choose(random, sizes));
            case RELEASE, RETURN_SEGMENTS, RETURN_PAGE, CLEAR, GUARD, CLOSE_GUARD -> Op.of(kind, object);
            case RELEASE_FOREIGN -> Op.of(kind, random.nextInt(2));
            case STATS, CLOSE, INVALIDATE_ALL, CLEAN_UP -> Op.of(kind);
            case BORROW -> Op.of(kind, choose(random, PAGE_SIZES), random.nextInt(2));
            case SET_SLOT, SET_DEWEY_ID -> Op.of(kind, object, random.nextInt(3), choose(random, LENGTHS),
                    random.nextInt(4));
            case GET_SLOT -> Op.of(kind, object, random.nextInt(3));
            case RESET_FOR_REUSE -> Op.of(kind, object, choose(random, PAGE_SIZES), random.nextInt(2));
            case PUT -> Op.of(kind, random.nextInt(KEYS), object);
            case GET_AND_GUARD, INVALIDATE -> Op.of(kind, random.nextInt(KEYS));
        };
    }

    private static long choose(SplittableRandom random, long[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
