package io.segcheck.fray.scenario;

import io.segcheck.impl.alloc.SizeClass;

import java.util.ArrayList;
import java.util.EnumMap;
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
    private static final long[] ALLOCATE_SIZES = {100, SizeClass.MIN_BYTES, 2L * SizeClass.MIN_BYTES,
            SizeClass.MAX_BYTES / 2, SizeClass.MAX_BYTES};
    private static final long[] PAGE_SIZES = {SizeClass.MIN_BYTES, 2L * SizeClass.MIN_BYTES, 16L * SizeClass.MIN_BYTES};
    /** Payload lengths: small entries, and ones that make the page's segment grow. */
    private static final long[] LENGTHS = {8, 64, 3000, 9000};
    private static final int KEYS = 3;

    private ScenarioGenerator() {
    }

    static Scenario generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
        Map<OpKind, Integer> weights = swarm(random);
        Scenario.Settings settings = new Scenario.Settings(REGION * (1 + random.nextInt(3)), REGION, random.nextInt(3));
        List<Op> init = init(random);
        int threadCount = 2 + random.nextInt(3);
        List<List<Op>> threads = new ArrayList<>();
        for (int thread = 0; thread < threadCount; thread++) {
            int length = 1 + random.nextInt(4);
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                ops.add(op(pick(random, weights), random));
            }
            threads.add(ops);
        }
        return new Scenario(seed, settings, init, threads);
    }

    /** Zero to two pages every thread can reach, most of them cached, and sometimes a raw lease. */
    private static List<Op> init(SplittableRandom random) {
        List<Op> init = new ArrayList<>();
        int pages = random.nextInt(3);
        for (int page = 0; page < pages; page++) {
            init.add(Op.of(OpKind.BORROW, choose(random, PAGE_SIZES), random.nextInt(2)));
            if (random.nextInt(4) != 0) {
                init.add(Op.of(OpKind.PUT, page, page));
            }
        }
        if (random.nextInt(3) == 0) {
            init.add(Op.of(OpKind.ALLOCATE, choose(random, ALLOCATE_SIZES)));
        }
        return init;
    }

    private static Map<OpKind, Integer> swarm(SplittableRandom random) {
        Map<OpKind, Integer> weights = new EnumMap<>(OpKind.class);
        for (OpKind kind : OpKind.values()) {
            if (random.nextInt(5) < 3) {
                weights.put(kind, 1 + random.nextInt(4));
            }
        }
        // CLOSE ends every later call; keep it rare so most scenarios test the calls, not the refusals.
        weights.computeIfPresent(OpKind.CLOSE, (kind, weight) -> 1);
        // resetForReuse is three calls (two leases, then the reset) that the reference world makes as one
        // step; it cannot place a lease of it before another thread's call and the reset after, so
        // a run where they interleave has no explaining order although nothing is wrong. Not generated.
        weights.remove(OpKind.RESET_FOR_REUSE);
        if (!weights.containsKey(OpKind.ALLOCATE) && !weights.containsKey(OpKind.BORROW)) {
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

    private static Op op(OpKind kind, SplittableRandom random) {
        int object = random.nextInt(4);
        return switch (kind) {
            case ALLOCATE -> Op.of(kind, choose(random, ALLOCATE_SIZES));
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
