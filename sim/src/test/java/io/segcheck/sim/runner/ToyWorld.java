package io.segcheck.sim.runner;

import io.segcheck.impl.defect.Defect;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A toy system with planted bugs, so the engine can be proven without the real binding.
 *
 * <p>The "real" side is a counter and a set of open handles; the model is a plain counter and a
 * handle count. Two bugs, switched on by defects the toy borrows from the real enum:
 * <ul>
 *   <li>{@link Defect#CLEAR_ZEROES_RETURNED}: after three consecutive {@code add} steps of at least
 *       10, the next {@code sub} subtracts twice (LOST_DATA at that step). Minimal run:
 *       {@code add 10, add 10, add 10, sub 1}.</li>
 *   <li>{@link Defect#EVICTION_SKIPS_RETURN}: a {@code close} right after two consecutive
 *       {@code open}s forgets to close (LEAK at quiesce). Minimal run: {@code open, open, close 0}.</li>
 * </ul>
 * {@code explode 13} throws (an internal failure) when the toy is built with explosions on.
 */
public final class ToyWorld implements SubjectFactory {

    private final boolean explosions;
    private final boolean identityInTrace;
    private final Catalog catalog;
    /** Counts worlds created, so tests can see how many runs a shrink or sweep needed. */
    private int worldsCreated;

    private ToyWorld(boolean explosions, boolean identityInTrace) {
        this.explosions = explosions;
        this.identityInTrace = identityInTrace;
        this.catalog = new Catalog(explosions);
    }

    public static ToyWorld plain() {
        return new ToyWorld(false, false);
    }

    public static ToyWorld withExplosions() {
        return new ToyWorld(true, false);
    }

    /** A broken binding whose trace depends on object identity, which the determinism check must catch. */
    static ToyWorld withIdentityInTrace() {
        return new ToyWorld(false, true);
    }

    public int worldsCreated() {
        return worldsCreated;
    }

    @Override
    public Subject create(RunConfig config) {
        worldsCreated++;
        return new Counter(config, explosions, identityInTrace);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }

    private static final class Catalog implements ActionCatalog {
        private final List<String> names;

        Catalog(boolean explosions) {
            List<String> all = new ArrayList<>(List.of("add", "sub", "open", "close", "noise"));
            if (explosions) {
                all.add("explode");
            }
            this.names = List.copyOf(all);
        }

        @Override
        public List<String> actionNames() {
            return names;
        }

        @Override
        public Step generate(String action, SplittableRandom random) {
            return switch (action) {
                case "add", "sub" -> Step.of(action, random.nextInt(4) == 0 ? random.nextInt(1000) : random.nextInt(20));
                case "open" -> Step.of(action);
                case "close", "noise" -> Step.of(action, random.nextInt(8));
                case "explode" -> Step.of(action, random.nextInt(20));
                default -> throw new IllegalArgumentException("unknown action=" + action);
            };
        }

        @Override
        public List<Step> simplerVariants(Step step) {
            List<Step> variants = new ArrayList<>();
            for (int i = 0; i < step.args().size(); i++) {
                long value = step.arg(i);
                for (long simpler : new long[] {0, 1, value / 2, value - 1}) {
                    Step variant = step.withArg(i, simpler);
                    if (simpler >= 0 && simpler < value && !variants.contains(variant)) {
                        variants.add(variant);
                    }
                }
            }
            return variants;
        }
    }

    private static final class Counter implements Subject {
        private final boolean counterBug;
        private final boolean leakBug;
        private final boolean explosions;
        private final boolean identityInTrace;
        private long realValue;
        private long modelValue;
        private int bigAddsInARow;
        private int opensInARow;
        private int realOpen;
        private int modelOpen;
        private int leaked;
        private String lastTrace = "";

        Counter(RunConfig config, boolean explosions, boolean identityInTrace) {
            this.counterBug = config.defects().contains(Defect.CLEAR_ZEROES_RETURNED.name());
            this.leakBug = config.defects().contains(Defect.EVICTION_SKIPS_RETURN.name());
            this.explosions = explosions;
            this.identityInTrace = identityInTrace;
        }

        @Override
        public Optional<Violation> apply(int stepIndex, Step step) {
            switch (step.action()) {
                case "add" -> add(step.arg(0));
                case "sub" -> sub(step.arg(0));
                case "open" -> open();
                case "close" -> closeHandle();
                case "noise" -> opensInARow = 0;
                case "explode" -> explode(step.arg(0));
                default -> throw new IllegalArgumentException("unknown action=" + step.action());
            }
            lastTrace = step.action() + " value=" + realValue + " open=" + realOpen
                    + (identityInTrace ? " id=" + System.identityHashCode(new Object()) : "");
            if (realValue != modelValue) {
                return Optional.of(Violation.of(ViolationKind.LOST_DATA, stepIndex,
                        "counter real=" + realValue + " model=" + modelValue));
            }
            return Optional.empty();
        }

        private void add(long amount) {
            realValue += amount;
            modelValue += amount;
            bigAddsInARow = amount >= 10 ? bigAddsInARow + 1 : 0;
            opensInARow = 0;
        }

        private void sub(long amount) {
            boolean twice = counterBug && bigAddsInARow >= 3;
            realValue -= twice ? 2 * amount : amount;
            modelValue -= amount;
            bigAddsInARow = 0;
            opensInARow = 0;
        }

        private void open() {
            realOpen++;
            modelOpen++;
            opensInARow++;
            bigAddsInARow = 0;
        }

        private void closeHandle() {
            if (modelOpen > 0) {
                modelOpen--;
                realOpen--;
                if (leakBug && opensInARow >= 2) {
                    leaked++;
                }
            }
            opensInARow = 0;
            bigAddsInARow = 0;
        }

        private void explode(long trigger) {
            if (explosions && trigger == 13) {
                throw new IllegalStateException("toy explosion trigger=" + trigger);
            }
            bigAddsInARow = 0;
            opensInARow = 0;
        }

        @Override
        public Optional<Violation> quiesce(int stepIndex) {
            lastTrace = "quiesce open=" + realOpen + " leaked=" + leaked;
            if (leaked > 0) {
                return Optional.of(Violation.of(ViolationKind.LEAK, stepIndex,
                        leaked + " handle(s) still open after closing all " + modelOpen + " the model knows"));
            }
            return Optional.empty();
        }

        /** Open handles as leased "segments", leaked ones as orphaned, for the timeline. */
        @Override
        public Map<String, String> ownership() {
            Map<String, String> owners = new TreeMap<>();
            for (int i = 0; i < realOpen; i++) {
                owners.put("handle#" + i, "toy LEASED");
            }
            for (int i = 0; i < leaked; i++) {
                owners.put("leak#" + i, "nobody ORPHANED");
            }
            return owners;
        }

        @Override
        public String traceLine() {
            return lastTrace;
        }

        @Override
        public void close() {
            // nothing to free: the toy holds no memory outside the heap
        }
    }
}
