package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.LeaseWorld;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.model.ViolationKind;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generated allocator-only scenarios for any allocator, under Fray: from a seed, 2-3 threads of 1-4
 * calls (lease, release of an own lease, released already or not, release of a lease made before
 * the threads started, which other threads may release too), on a new allocator from the factory
 * per schedule, judged by the allocator model under the design the factory declares
 * ({@link LeaseWorld}): some order of the whole calls that respects real time must fit the model
 * (grants overlapping no live lease, releases accepted or refused as declared, so exactly one of
 * racing releases of one lease accepted, the counters read at rest), leases zeroed when declared
 * and marks intact while held. Nothing is shaped for a bug: a search walks seeds until a program fails.
 *
 * <pre>{@code
 * Optional<Found> found = new GeneratedAllocatorScenarios(factory).search("mine", 0, 40, 50, Strategy.POS);
 * }</pre>
 */
public final class GeneratedAllocatorScenarios {

    /** A call of a generated program. */
    public enum Call {
        /** lease(): a new lease, stamped with the thread's mark. */
        LEASE,
        /** release of the thread's own lease {@code arg} (modulo), released already or not. */
        RELEASE_OWN,
        /** release of lease {@code arg} made before the threads started: several threads may race for it. */
        RELEASE_SHARED
    }

    /** One call and its argument. */
    public record Step(Call call, int arg) {
        public String text() {
            return call.name().toLowerCase(java.util.Locale.ROOT) + "(" + arg + ")";
        }
    }

    /** A program: leases made before the threads start, and the threads' calls. */
    public record Program(long seed, int sharedLeases, List<List<Step>> threads) {
        public String text() {
            StringBuilder text = new StringBuilder("seed " + seed + ": " + sharedLeases + " shared lease(s)");
            for (int thread = 0; thread < threads.size(); thread++) {
                text.append("; t").append(thread).append(':');
                threads.get(thread).forEach(step -> text.append(' ').append(step.text()));
            }
            return text.toString();
        }

        /**
         * The program as a threads × calls table, Lincheck style: a column per thread, its calls
         * top to bottom in program order, under a line naming the seed and the shared leases.
         */
        public String table() {
            int width = threads.stream().flatMap(List::stream).mapToInt(step -> step.text().length()).max().orElse(0);
            int rows = threads.stream().mapToInt(List::size).max().orElse(0);
            StringBuilder table = new StringBuilder("program seed " + seed + ", " + sharedLeases
                    + " shared lease(s) made before the threads start:\n");
            for (int row = -1; row < rows; row++) {
                for (int thread = 0; thread < threads.size(); thread++) {
                    List<Step> steps = threads.get(thread);
                    String cell = row < 0 ? "t" + thread : row < steps.size() ? steps.get(row).text() : "";
                    table.append("| ").append(cell).append(" ".repeat(width - cell.length() + 1));
                }
                table.append("|\n");
            }
            return table.toString();
        }
    }

    /** A failing program and its exploration (seed, the failing schedule, seconds). */
    public record Found(Program program, Exploration exploration, int programsTried) {
    }

    private final AllocatorFactory factory;

    public GeneratedAllocatorScenarios(AllocatorFactory factory) {
        this.factory = factory;
    }

    /** The program of {@code seed}; swarm weights per seed over the three calls. */
    public static Program generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xA11C);
        int[] weights = {1 + random.nextInt(4), random.nextInt(4), random.nextInt(4)};
        int total = weights[0] + weights[1] + weights[2];
        int shared = random.nextInt(3);
        List<List<Step>> threads = new ArrayList<>();
        int threadCount = 2 + random.nextInt(2);
        for (int thread = 0; thread < threadCount; thread++) {
            List<Step> steps = new ArrayList<>();
            int length = 1 + random.nextInt(4);
            for (int i = 0; i < length; i++) {
                int roll = random.nextInt(total);
                Call call = roll < weights[0] ? Call.LEASE : roll < weights[0] + weights[1] ? Call.RELEASE_OWN
                        : Call.RELEASE_SHARED;
                steps.add(new Step(call, random.nextInt(3)));
            }
            threads.add(steps);
        }
        return new Program(seed, shared, threads);
    }

    /** Seeds {@code from} onwards, {@code programs} of them, each explored for {@code iterations} schedules. */
    public Optional<Found> search(String name, long from, int programs, int iterations, Strategy strategy) {
        return FrayExplorer.searchPrograms(name, from, programs, iterations, strategy, seed -> generate(seed),
                this::iteration).map(found -> new Found(found.program(), found.exploration(), found.programsTried()));
    }

    /** One schedule's run: a new allocator, the shared leases, the threads started together, the checks. */
    public Runnable iteration(Program program) {
        return () -> {
            try (LeaseWorld world = new LeaseWorld(factory)) {
                new Run(world, program).run();
            }
        };
    }

    /** The state of one run. */
    private static final class Run {
        private final LeaseWorld world;
        private final Program program;
        private final List<LeaseWorld.Lease> shared = new ArrayList<>();
        private final List<AtomicInteger> sharedAccepted = new ArrayList<>();
        private final List<List<LeaseWorld.Lease>> own = new ArrayList<>();
        private final List<List<Boolean>> released = new ArrayList<>();
        private volatile OwnershipViolation seen;

        Run(LeaseWorld world, Program program) {
            this.world = world;
            this.program = program;
        }

        void run() {
            for (int i = 0; i < program.sharedLeases(); i++) {
                shared.add(world.lease(1_000_000 + i));
                sharedAccepted.add(new AtomicInteger());
            }
            for (int thread = 0; thread < program.threads().size(); thread++) {
                own.add(new ArrayList<>());
                released.add(new ArrayList<>());
            }
            FrayExplorer.runTogether(program.threads().size(), this::runThread);
            if (seen != null) {
                throw seen;
            }
            checkAfter();
        }

        private void runThread(int thread) {
            try {
                for (Step step : program.threads().get(thread)) {
                    call(thread, step);
                }
            } catch (OwnershipViolation violation) {
                seen = seen == null ? violation : seen;
            } catch (RuntimeException failure) {
                seen = seen == null ? new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "t" + thread + " threw "
                        + LeaseWorld.describe(failure)) : seen;
            }
        }

        private void call(int thread, Step step) {
            List<LeaseWorld.Lease> mine = own.get(thread);
            switch (step.call()) {
                case LEASE -> {
                    mine.add(world.lease((thread + 1L) * 1000 + mine.size()));
                    released.get(thread).add(false);
                }
                case RELEASE_OWN -> {
                    if (mine.isEmpty()) {
                        return;
                    }
                    int index = Math.floorMod(step.arg(), mine.size());
                    releaseOwn(thread, index, mine.get(index));
                }
                case RELEASE_SHARED -> {
                    if (shared.isEmpty()) {
                        return;
                    }
                    int index = Math.floorMod(step.arg(), shared.size());
                    if (world.release(shared.get(index).segment()).equals(LeaseWorld.OK)) {
                        sharedAccepted.get(index).incrementAndGet();
                    }
                }
            }
        }

        /** The owner's release, first or again: the model judges how it ended. */
        private void releaseOwn(int thread, int index, LeaseWorld.Lease lease) {
            if (!released.get(thread).get(index)) {
                world.checkMark(lease);
            }
            world.release(lease.segment());
            released.get(thread).set(index, true);
        }

        /** The leases no call released, checked at rest; the model judges every call of the run. */
        private void checkAfter() {
            List<LeaseWorld.Lease> live = new ArrayList<>();
            for (int i = 0; i < shared.size(); i++) {
                if (sharedAccepted.get(i).get() == 0) {
                    live.add(shared.get(i));
                }
            }
            for (int thread = 0; thread < own.size(); thread++) {
                for (int i = 0; i < own.get(thread).size(); i++) {
                    if (!released.get(thread).get(i)) {
                        live.add(own.get(thread).get(i));
                    }
                }
            }
            world.checkOwners(live);
            world.releaseAllAndCheckNothingLeased(live);
        }
    }
}
