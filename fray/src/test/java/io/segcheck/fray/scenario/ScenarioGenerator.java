package io.segcheck.fray.scenario;

import io.segcheck.impl.alloc.SizeClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        // The seed mixed first: SplittableRandom(s) and SplittableRandom(s + its gamma) draw the same
        // stream shifted by one, and seed * gamma made consecutive seeds exactly that (seeds 17 and 18
        // drew the same scenario but for one draw).
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed ^ 0x5EEDL).nextLong());
        // Families added later are drawn from a stream of their own: adding one then changes only the
        // seeds it takes, where drawing it from the main stream redrew every seed's scenario.
        boolean guardsAgainstReturns = new SplittableRandom(seed ^ 0x6A4DL).nextInt(6) == 0;
        Map<OpKind, Integer> weights = swarm(random, guardsAgainstReturns);
        Arguments arguments = Arguments.draw(random);
        // A tight budget: one region for each class the seed's calls may lease from, or one fewer:
        // every class then competes for the same bytes (unmap under pressure, exhaustion); and a
        // spare region now and then. One fewer half the time, but a quarter of the time when the
        // seed writes pages: with one fewer most writes that grow a page were refused for want of
        // a region, so resizes hardly ever happened.
        int demand = arguments.classesDemanded(weights.keySet());
        boolean writes = weights.containsKey(OpKind.SET_SLOT) || weights.containsKey(OpKind.SET_DEWEY_ID);
        int pressure = random.nextInt(writes ? 4 : 2) == 0 ? 1 : 0;
        long regions = Math.max(1, demand - pressure + (random.nextInt(4) == 0 ? 1 : 0));
        int quarantine = random.nextInt(3);
        Shape shape = new Shape(SPREADS[random.nextInt(SPREADS.length)], 1 + random.nextInt(3), random.nextInt(4) == 0,
                random.nextBoolean());
        // The leases' family alone is the churn of one free stack: its slices are meant to come back
        // and go out again within the scenario. Its own stream (so other seeds are unchanged) gives
        // it no quarantine two times in three (a quarantined slice is held back from the very reuse
        // the family is about), ordered threads (leases pile up, then go back) and releases in any
        // order (below).
        SplittableRandom releaseOrder = new SplittableRandom(seed ^ 0x1EA5EL);
        boolean leaseChurn = weights.keySet().equals(LEASES);
        if (leaseChurn) {
            quarantine = releaseOrder.nextInt(3) == 0 ? quarantine : 0;
            shape = new Shape(shape.spread, shape.churn, shape.mirrored, true);
        }
        Scenario.Settings settings = new Scenario.Settings(REGION * regions, REGION, quarantine);
        Objects initObjects = new Objects();
        List<Op> init = init(random, arguments, initObjects, weights.keySet());
        int threadCount = 2 + random.nextInt(3);
        // A third of the seeds, and every seed of the leases' family: each release names any lease its
        // thread holds, so leases go back in any order (the first taken before the last: a slice
        // pushed back under another still leased), not only the one just taken or the first few of
        // the whole scenario.
        boolean anyOrder = releaseOrder.nextInt(3) == 0 || leaseChurn;
        List<List<Op>> threads = new ArrayList<>();
        for (int thread = 0; thread < threadCount; thread++) {
            if (shape.mirrored && thread > 0) {
                threads.add(threads.getFirst());
                continue;
            }
            List<Op> ops = thread(random, weights, arguments, shape, initObjects);
            threads.add(anyOrder ? releasesInAnyOrder(ops, init, releaseOrder) : ops);
        }
        return new Scenario(seed, settings, init, threads);
    }

    /**
     * How a seed's calls relate, drawn per seed like the weights. {@code spread}: how many objects
     * and keys the calls name (one: every thread works on the same page, key and lease).
     * {@code churn}: in quarters, how often a call is followed at once by its partner on the same
     * object (an allocate by the release of that lease, a borrow by a write or the return of that
     * page, an invalidate by a put back under that key, a guard by its close...): the churn of
     * objects through their life cycle, where reuse races are. {@code mirrored}: every thread runs
     * the same calls, so two threads do the same thing on the same state at the same time.
     * {@code ordered}: each thread makes and uses its objects before it ends them (its releases,
     * returns, guard closes and close after its other calls, each group in drawn order), so a
     * thread's writes and reads meet live objects instead of ones it returned a call earlier, and
     * its leases pile up before they go back (several pops before a push on one free stack).
     */
    private record Shape(int spread, int churn, boolean mirrored, boolean ordered) {
    }

    /** The calls that end an object's life (or the allocator's): an ordered thread makes them last. */
    private static final EnumSet<OpKind> ENDING_CALLS = EnumSet.of(OpKind.RELEASE, OpKind.RETURN_SEGMENTS,
            OpKind.RETURN_PAGE, OpKind.CLOSE_GUARD, OpKind.CLOSE);

    private static final int[] SPREADS = {1, 1, 2, 4};

    /**
     * Swarm on arguments: each seed leases two sizes only (threads then meet on one class's free
     * stack, and a large one makes the classes compete for the budget), borrows pages of one or
     * two sizes, one or both segment layouts, and writes two payload lengths, so a seed's writes
     * either all fit or often grow the page.
     */
    private record Arguments(long[] allocate, long[] page, long[] deweyFlag, long[] length) {

        static Arguments draw(SplittableRandom random) {
            return new Arguments(two(random, ALLOCATE_SIZES), two(random, PAGE_SIZES), two(random, new long[] {0, 1}),
                    two(random, LENGTHS));
        }

        /**
         * How many size classes the calls drawn may lease from: the allocate sizes, the page sizes
         * and a DeweyID segment's class when pages are borrowed or already there, the class a page
         * grows into when written.
         */
        int classesDemanded(Set<OpKind> drawn) {
            Set<Integer> classes = new HashSet<>();
            if (drawn.contains(OpKind.ALLOCATE)) {
                Arrays.stream(allocate).forEach(bytes -> classes.add(SizeClass.indexFor(bytes)));
            }
            if (drawn.stream().anyMatch(PAGE_CALLS::contains)) {
                Arrays.stream(page).forEach(bytes -> classes.add(SizeClass.indexFor(bytes)));
                if (Arrays.stream(deweyFlag).anyMatch(flag -> flag != 0)) {
                    classes.add(0);
                }
            }
            if (drawn.contains(OpKind.SET_SLOT) || drawn.contains(OpKind.SET_DEWEY_ID)) {
                long grown = Arrays.stream(page).min().orElseThrow() + Arrays.stream(length).max().orElseThrow();
                classes.add(SizeClass.indexFor(Math.min(grown, SizeClass.MAX_BYTES)));
            }
            return classes.size();
        }

        private static long[] two(SplittableRandom random, long[] choices) {
            return new long[] {choose(random, choices), choose(random, choices)};
        }
    }

    /** What a lane holds as the generator counts it: object arguments name these by position, init's first. */
    private static final class Objects {
        int raw;
        int pages;
        int guards;

        Objects copy() {
            Objects copy = new Objects();
            copy.raw = raw;
            copy.pages = pages;
            return copy;
        }
    }

    /** 1-4 calls, leaning to longer threads (races need a few calls), partners following their calls as churn says. */
    private static List<Op> thread(SplittableRandom random, Map<OpKind, Integer> weights, Arguments arguments, Shape shape,
                                   Objects initObjects) {
        int length = 1 + Math.max(random.nextInt(4), random.nextInt(4));
        Objects held = initObjects.copy();
        List<Op> ops = new ArrayList<>();
        while (ops.size() < length) {
            Op op = op(pick(random, weights), random, arguments, shape.spread);
            add(ops, held, op);
            if (ops.size() < length && random.nextInt(4) < shape.churn) {
                Op partner = partner(op, random, held, arguments);
                if (partner != null) {
                    add(ops, held, partner);
                }
            }
        }
        if (shape.ordered) {
            // Stable: the objects keep the positions they were counted at (ending calls make none).
            ops.sort(Comparator.comparing(op -> ENDING_CALLS.contains(op.kind())));
        }
        return ops;
    }

    /**
     * {@code ops} with each release naming a lease drawn from those its thread still holds there
     * (those init took and kept, then its own so far, less those it released), as long as it holds
     * any; a release beyond that keeps its drawn argument (a release of a lease already given back).
     */
    private static List<Op> releasesInAnyOrder(List<Op> ops, List<Op> init, SplittableRandom random) {
        List<Op> result = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        int leases = 0;
        for (Op op : init) {
            if (op.kind() == OpKind.ALLOCATE) {
                held.add(leases++);
            } else if (op.kind() == OpKind.RELEASE) {
                held.remove(Integer.valueOf((int) op.arg(0)));
            }
        }
        for (Op op : ops) {
            if (op.kind() == OpKind.ALLOCATE) {
                held.add(leases++);
            }
            boolean named = op.kind() == OpKind.RELEASE && !held.isEmpty();
            result.add(named ? Op.of(OpKind.RELEASE, held.remove(random.nextInt(held.size()))) : op);
        }
        return result;
    }

    private static void add(List<Op> ops, Objects held, Op op) {
        ops.add(op);
        switch (op.kind()) {
            case ALLOCATE -> held.raw++;
            case BORROW -> held.pages++;
            case GUARD, GET_AND_GUARD -> held.guards++;
            default -> {
            }
        }
    }

    /**
     * The call that continues {@code op}'s object's life cycle at once, or null: the lease just
     * made released, the page just borrowed written or returned, a written page returned, a key
     * just invalidated mapped again (to the page init mapped under it), a key just mapped
     * invalidated, the guard just opened closed, a lease just released followed by a new one.
     */
    private static Op partner(Op op, SplittableRandom random, Objects held, Arguments arguments) {
        return switch (op.kind()) {
            case ALLOCATE -> Op.of(OpKind.RELEASE, held.raw - 1);
            case RELEASE -> Op.of(OpKind.ALLOCATE, choose(random, arguments.allocate()));
            case BORROW -> switch (random.nextInt(3)) {
                case 0 -> Op.of(OpKind.SET_SLOT, held.pages - 1, random.nextInt(3), choose(random, arguments.length()),
                        random.nextInt(4));
                case 1 -> Op.of(OpKind.RETURN_SEGMENTS, held.pages - 1);
                default -> Op.of(OpKind.RETURN_PAGE, held.pages - 1);
            };
            case SET_SLOT, SET_DEWEY_ID -> Op.of(random.nextBoolean() ? OpKind.RETURN_SEGMENTS : OpKind.RETURN_PAGE,
                    op.arg(0));
            case PUT -> Op.of(OpKind.INVALIDATE, op.arg(0));
            case INVALIDATE -> Op.of(OpKind.PUT, op.arg(0), op.arg(0));
            case GUARD, GET_AND_GUARD -> Op.of(OpKind.CLOSE_GUARD, held.guards - 1);
            default -> null;
        };
    }

    /** Zero to two pages every thread can reach (none when no call acts on pages), most of them cached (page i under key i), and sometimes a raw lease. */
    private static List<Op> init(SplittableRandom random, Arguments arguments, Objects held, Set<OpKind> drawn) {
        List<Op> init = new ArrayList<>();
        // A seed whose calls act on pages (or map them) gets at least one page to act on: without
        // it every such call of a thread that borrows none is a no-op.
        // A seed with no page call gets none: its pages would hold regions the budget (counted from
        // the seed's calls) did not count, and an allocator-only seed was then refused every lease.
        boolean actsOnPages = drawn.stream().anyMatch(kind -> kind != OpKind.BORROW && PAGE_CALLS.contains(kind));
        boolean anyPageCall = drawn.stream().anyMatch(PAGE_CALLS::contains);
        int pages = !anyPageCall ? 0 : (actsOnPages ? 1 : 0) + random.nextInt(actsOnPages ? 2 : 3);
        for (int page = 0; page < pages; page++) {
            init.add(Op.of(OpKind.BORROW, choose(random, arguments.page()), choose(random, arguments.deweyFlag())));
            held.pages++;
            if (random.nextInt(4) != 0) {
                init.add(Op.of(OpKind.PUT, page, page));
            }
        }
        // A raw lease, more often when the seed allocates; released again half the time.
        if (random.nextInt(4) < (drawn.contains(OpKind.ALLOCATE) ? 3 : 1)) {
            init.add(Op.of(OpKind.ALLOCATE, choose(random, arguments.allocate())));
            held.raw++;
            if (random.nextBoolean()) {
                init.add(Op.of(OpKind.RELEASE, 0)); // a mapped region with every slice free: unmap's prey
            }
        }
        return init;
    }

    /** The calls that act on a page some call made before. */
    private static final EnumSet<OpKind> PAGE_CALLS = EnumSet.of(OpKind.BORROW, OpKind.SET_SLOT, OpKind.SET_DEWEY_ID,
            OpKind.GET_SLOT, OpKind.RETURN_SEGMENTS, OpKind.RETURN_PAGE, OpKind.CLEAR, OpKind.GUARD, OpKind.PUT,
            OpKind.GET_AND_GUARD, OpKind.INVALIDATE);

    /**
     * A sixth of the seeds (drawn from their own stream): a page's guards against its return. Guards
     * opened and left open (no close: a close right after the guard makes most guard races end as
     * if they had not happened), reads under them, returns of the same pages.
     */
    private static final EnumSet<OpKind> GUARDS_AGAINST_RETURNS = EnumSet.of(OpKind.GUARD, OpKind.GET_SLOT,
            OpKind.RETURN_PAGE, OpKind.RETURN_SEGMENTS);

    /** The leases' family: allocate and release alone. */
    private static final EnumSet<OpKind> LEASES = EnumSet.of(OpKind.ALLOCATE, OpKind.RELEASE);

    /**
     * The API's families; a seed hammers one or two of them, or all. Besides the allocator's, the
     * pages' and the caches' calls, two narrow ones: the lease life cycle alone (allocate and
     * release: threads churning one class's free stack, reuse, unmap and exhaustion under a tight
     * budget, with nothing else taking steps) and the page's memory alone (borrow, writes that may
     * grow either field, reads, returns: resizes of shared and separate segments).
     */
    private static final List<EnumSet<OpKind>> FAMILIES = List.of(
            EnumSet.of(OpKind.ALLOCATE, OpKind.RELEASE, OpKind.RELEASE_FOREIGN, OpKind.STATS, OpKind.CLOSE),
            EnumSet.of(OpKind.BORROW, OpKind.SET_SLOT, OpKind.SET_DEWEY_ID, OpKind.GET_SLOT, OpKind.RETURN_SEGMENTS,
                    OpKind.RETURN_PAGE, OpKind.CLEAR, OpKind.GUARD, OpKind.CLOSE_GUARD),
            EnumSet.of(OpKind.PUT, OpKind.GET_AND_GUARD, OpKind.INVALIDATE, OpKind.INVALIDATE_ALL, OpKind.CLEAN_UP,
                    OpKind.GUARD, OpKind.CLOSE_GUARD, OpKind.RETURN_SEGMENTS),
            LEASES,
            EnumSet.of(OpKind.BORROW, OpKind.SET_SLOT, OpKind.SET_DEWEY_ID, OpKind.GET_SLOT, OpKind.RETURN_SEGMENTS,
                    OpKind.RETURN_PAGE));

    /**
     * Swarm weights: a quarter of the seeds draw from the whole API, the others from one or two
     * families; within them each call is on with probability 3/4 (all, for a narrow family alone)
     * and weighs 1-4. Few calls on make
     * those few meet each other often, which is where races are.
     */
    private static Map<OpKind, Integer> swarm(SplittableRandom random, boolean guardsAgainstReturns) {
        EnumSet<OpKind> candidates = EnumSet.noneOf(OpKind.class);
        if (random.nextInt(4) == 0) {
            candidates = EnumSet.allOf(OpKind.class);
        } else {
            candidates.addAll(FAMILIES.get(random.nextInt(FAMILIES.size())));
            if (random.nextBoolean()) {
                candidates.addAll(FAMILIES.get(random.nextInt(FAMILIES.size())));
            }
        }
        if (guardsAgainstReturns) {
            candidates = EnumSet.copyOf(GUARDS_AGAINST_RETURNS);
        }
        Map<OpKind, Integer> weights = new EnumMap<>(OpKind.class);
        // A seed of a narrow family (the leases', the guards') keeps all its calls: without release
        // it is exhaustion only, without guard the guards' family has nothing to race the returns.
        boolean keepAll = candidates.size() <= GUARDS_AGAINST_RETURNS.size();
        for (OpKind kind : candidates) {
            if (keepAll || random.nextInt(4) < 3) {
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

    private static Op op(OpKind kind, SplittableRandom random, Arguments arguments, int spread) {
        int object = random.nextInt(spread);
        return switch (kind) {
            case ALLOCATE -> Op.of(kind, choose(random, arguments.allocate()));
            case RELEASE, RETURN_SEGMENTS, RETURN_PAGE, CLEAR, GUARD, CLOSE_GUARD -> Op.of(kind, object);
            case RELEASE_FOREIGN -> Op.of(kind, random.nextInt(2));
            case STATS, CLOSE, INVALIDATE_ALL, CLEAN_UP -> Op.of(kind);
            case BORROW -> Op.of(kind, choose(random, arguments.page()), choose(random, arguments.deweyFlag()));
            case SET_SLOT, SET_DEWEY_ID -> Op.of(kind, object, random.nextInt(3), choose(random, arguments.length()),
                    random.nextInt(4));
            case GET_SLOT -> Op.of(kind, object, random.nextInt(3));
            case RESET_FOR_REUSE -> Op.of(kind, object, choose(random, arguments.page()), choose(random, arguments.deweyFlag()));
            case PUT -> Op.of(kind, random.nextInt(Math.min(spread, KEYS)), object);
            case GET_AND_GUARD, INVALIDATE -> Op.of(kind, random.nextInt(Math.min(spread, KEYS)));
        };
    }

    private static long choose(SplittableRandom random, long[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
