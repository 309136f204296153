package io.segcheck.sim.world;

import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the arguments of every {@link Action} from skewed distributions: mostly small sizes and
 * low slots, so pages resize often, shared DeweyID segments are common, budgets run out and the
 * caches evict; now and then a bad input (bad size, bad slot, null or oversized data). It knows
 * nothing about the defects.
 */
public final class WorldCatalog implements ActionCatalog {

    /** Keys are drawn from this small range so puts replace and invalidations hit. */
    static final int KEY_RANGE = 8;
    /** Population arguments are drawn below this; the world takes them modulo the population. */
    static final int INDEX_RANGE = 64;

    /** segcheck's own size classes: powers of two from 4 KiB to 256 KiB. */
    static final List<Integer> SEGCHECK_CLASSES = List.of(4096, 8192, 16_384, 32_768, 65_536, 131_072, 262_144);

    private final List<String> names;
    /** The declared size classes, smallest first: where sizes are drawn, and their boundaries. */
    private final int[] classes;

    /** Every action of the whole system, with segcheck's own size classes. */
    public WorldCatalog() {
        this(Coverage.SYSTEM);
    }

    /** The actions of {@code coverage}, in {@link Action} order, with segcheck's own size classes. */
    public WorldCatalog(Coverage coverage) {
        this(coverage, SEGCHECK_CLASSES);
    }

    /**
     * The actions of {@code coverage}, drawing sizes for the declared {@code sizeClassesBytes}: class
     * boundaries (and one byte either side), sizes within the classes, one byte over the largest.
     */
    public WorldCatalog(Coverage coverage, List<Integer> sizeClassesBytes) {
        this.classes = sizeClassesBytes.stream().mapToInt(Integer::intValue).toArray();
        if (classes.length == 0) {
            throw new IllegalArgumentException("sizeClassesBytes is empty");
        }
        List<String> covered = new ArrayList<>();
        for (Action action : Action.values()) {
            if (coverage.actions().contains(action)) {
                covered.add(action.actionName());
            }
        }
        this.names = List.copyOf(covered);
    }

    @Override
    public List<String> actionNames() {
        return names;
    }

    @Override
    public Step generate(String action, SplittableRandom random) {
        List<Action.ArgRole> roles = Action.named(action).roles();
        long[] args = new long[roles.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = draw(roles.get(i), random, classes);
        }
        return Step.of(action, args);
    }

    @Override
    public List<Step> simplerVariants(Step step) {
        List<Action.ArgRole> roles = Action.named(step.action()).roles();
        List<Step> variants = new ArrayList<>();
        for (int i = 0; i < roles.size() && i < step.args().size(); i++) {
            for (long simpler : simpler(roles.get(i), step.arg(i))) {
                variants.add(step.withArg(i, simpler));
            }
        }
        return variants;
    }

    @Override
    public String words(Step step) {
        return StepWords.of(step);
    }

    static long draw(Action.ArgRole role, SplittableRandom random, int[] classes) {
        return switch (role) {
            case INDEX -> random.nextInt(INDEX_RANGE);
            case SIZE -> size(random, classes);
            case LENGTH -> length(random);
            case SLOT -> slot(random);
            case FILL -> random.nextInt(256);
            case FLAG -> random.nextInt(2);
            case KEY -> random.nextInt(KEY_RANGE);
            case CACHE -> random.nextInt(2);
            case SECONDS -> random.nextDouble() < 0.7 ? 1 + random.nextInt(10) : 11 + random.nextInt(50);
            case FOREIGN_KIND -> random.nextInt(3);
            case ALIAS_KIND -> random.nextInt(3);
            case PAGE_MISUSE_KIND -> random.nextInt(2);
        };
    }

    /**
     * Mostly the smallest class or less (resizes follow), some larger, a few bad requests. The bands
     * are the declared classes: up to the smallest, up to the class two thirds up the list, up to the
     * largest (for segcheck's classes: 4 KiB, 64 KiB, 256 KiB); a band that is empty (one or two
     * classes) gives way to the one below it.
     */
    private static long size(SplittableRandom random, int[] classes) {
        long smallest = classes[0];
        long middle = classes[classes.length * 2 / 3];
        long largest = classes[classes.length - 1];
        double p = random.nextDouble();
        if (p < 0.04) {
            long[] bad = {0, -1, largest + 1};
            return bad[random.nextInt(bad.length)];
        }
        if (p < 0.10) {
            // A class boundary (a declared class, or one byte either side): an off-by-one in class
            // rounding, the allocator's or the declaration's, is rare in the uniform ranges below
            // and was missed by whole sweeps without this.
            return classes[random.nextInt(classes.length)] + random.nextInt(3) - 1;
        }
        if (p < 0.75 || middle == smallest && largest == smallest) {
            return 1 + random.nextInt(Math.toIntExact(smallest));
        }
        if (p < 0.93 && middle > smallest || largest == middle) {
            return smallest + 1 + random.nextInt(Math.toIntExact(middle - smallest));
        }
        return middle + 1 + random.nextInt(Math.toIntExact(largest - middle));
    }

    /** Mostly short payloads, a tail of large ones that fill pages, a few null and oversized ones. */
    private static long length(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.03) {
            return Payloads.NULL_LENGTH;
        }
        if (p < 0.05) {
            return 262_141; // one byte more than fits even an empty maximal segment
        }
        if (p < 0.55) {
            return random.nextInt(65);
        }
        if (p < 0.83) {
            return 65 + random.nextInt(4096 - 64);
        }
        if (p < 0.96) {
            return 4097 + random.nextInt(40_000 - 4096);
        }
        return 40_001 + random.nextInt(262_140 - 40_000);
    }

    private static long slot(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.04) {
            return random.nextBoolean() ? -1 : 1024;
        }
        return p < 0.85 ? random.nextInt(8) : 8 + random.nextInt(1016);
    }

    /** Simpler values of one argument, simplest first; never the value itself. */
    static List<Long> simpler(Action.ArgRole role, long value) {
        List<Long> values = new ArrayList<>();
        switch (role) {
            case INDEX -> {
                // Every small index, not only 0: after earlier steps are removed the population
                // shrinks, and the step must be able to point at the same object again.
                for (long small = 0; small < 4; small++) {
                    addIfSimpler(values, value, small);
                }
                addIfSimpler(values, value, value / 2);
                addIfSimpler(values, value, value - 1);
            }
            case FILL, FLAG, KEY, CACHE, FOREIGN_KIND, ALIAS_KIND, PAGE_MISUSE_KIND -> addIfSimpler(values, value, 0);
            case SLOT -> {
                if (value > 0 && value < 1024) {
                    values.add(0L);
                }
            }
            case SIZE -> {
                if (value > 1 && value <= 262_144) {
                    addIfSimpler(values, value, 1);
                    addIfSimpler(values, value, (value + 1) / 2);
                }
            }
            case LENGTH -> {
                if (value > 0 && value <= 262_140) {
                    addIfSimpler(values, value, 0);
                    addIfSimpler(values, value, value / 2);
                }
            }
            case SECONDS -> addIfSimpler(values, value, 1);
        }
        return values;
    }

    private static void addIfSimpler(List<Long> values, long value, long candidate) {
        if (candidate >= 0 && candidate < value && !values.contains(candidate)) {
            values.add(candidate);
        }
    }
}
