package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.kit.LeaseWorld;
import io.segcheck.kit.LeaseWorld.Lease;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.model.ViolationKind;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;

import java.util.List;
import java.util.Optional;

/**
 * Runs the {@link AllocatorRace}s against allocators of one factory: each iteration builds a new
 * allocator, runs the race's two calls on two real threads and checks ownership after both.
 * Under Fray ({@link #explore}), every schedule Fray picks is one iteration.
 *
 * <p>A call inside a race never throws: each records how it ended, and only a broken invariant
 * ({@link OwnershipViolation}) fails the iteration, after both threads joined.
 */
public final class AllocatorFrayRaces {

    private final AllocatorFactory factory;
    private final AllocatorDesign design;

    public AllocatorFrayRaces(AllocatorFactory factory) {
        this.factory = factory;
        this.design = factory.design(LeaseWorld.settings(factory));
    }

    /** Empty when {@code race} applies to the declared design, else why not. */
    public Optional<String> notApplicable(AllocatorRace race) {
        return race == AllocatorRace.CLOSE_VS_USE && !design.closedState()
                ? Optional.of("the design declares no closed state (closedState=false)") : Optional.empty();
    }

    /**
     * Explores {@code race} under Fray for up to {@code iterations} schedules, after one run on
     * plain threads that initialises every class outside Fray (a class initialised under Fray's
     * scheduler can deadlock in the JDK's own locks).
     */
    public Exploration explore(String scenario, AllocatorRace race, int iterations, Strategy strategy) {
        try {
            iteration(race).run();
        } catch (OwnershipViolation plainThreadsFailed) {
            // A planted bug may show already here; this run only warms up.
        }
        return FrayExplorer.explore(scenario, iterations, strategy, iteration(race));
    }

    /** One iteration: a new allocator, the race's two calls on two threads started together, the checks. */
    public Runnable iteration(AllocatorRace race) {
        return TwoCallRace.onTwoThreads(() -> round(race));
    }

    /**
     * Both calls on the calling thread, first then second and second then first, each order on a
     * new allocator: the violations seen (empty when both orders are clean). A bug that shows here
     * needs no interleaving inside a call.
     */
    public List<OwnershipViolation> inBothOrdersOnOneThread(AllocatorRace race) {
        return TwoCallRace.inBothOrdersOnOneThread(() -> round(race), OwnershipViolation.class);
    }

    private Round round(AllocatorRace race) {
        LeaseWorld world = new LeaseWorld(factory);
        return switch (race) {
            case ALLOCATE_VS_ALLOCATE_AND_RELEASE -> new AllocateVsAllocateAndRelease(world);
            case DOUBLE_RELEASE -> new DoubleRelease(world);
            case RELEASE_VS_REUSE -> new ReleaseVsReuse(world, false);
            case STALE_RELEASE_VS_REUSE -> new ReleaseVsReuse(world, true);
            case CLOSE_VS_USE -> new CloseVsUse(world);
        };
    }

    /** One race on one allocator: two calls, then the checks; closes the allocator. */
    private abstract static class Round implements TwoCallRace {

        final LeaseWorld world;
        /** The first broken invariant or unexpected failure an actor met. */
        private volatile Throwable inActor;

        Round(LeaseWorld world) {
            this.world = world;
        }

        abstract void firstCall();

        abstract void secondCall();

        /** The invariants after both calls. */
        abstract void checkAfter();

        @Override
        public final void first() {
            guarded(this::firstCall);
        }

        @Override
        public final void second() {
            guarded(this::secondCall);
        }

        private void guarded(Runnable actor) {
            try {
                actor.run();
            } catch (OwnershipViolation | RuntimeException failure) {
                if (inActor == null) {
                    inActor = failure;
                }
            }
        }

        @Override
        public final void check() {
            Throwable seen = inActor;
            if (seen instanceof OwnershipViolation violation) {
                throw violation;
            }
            if (seen != null) {
                throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "a call in the race threw " + seen);
            }
            checkAfter();
        }

        /** Fails unless {@code outcome} is a completed call. */
        static void expectOk(String call, String outcome) {
            if (!outcome.equals(LeaseWorld.OK)) {
                throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, call + " was refused: " + outcome);
            }
        }

        @Override
        public void close() {
            world.close();
        }
    }

    private static final class AllocateVsAllocateAndRelease extends Round {
        private volatile Lease firstLease;
        private volatile Lease kept;

        AllocateVsAllocateAndRelease(LeaseWorld world) {
            super(world);
        }

        @Override
        void firstCall() {
            firstLease = world.lease(1);
        }

        @Override
        void secondCall() {
            Lease released = world.lease(2);
            kept = world.lease(3);
            world.release(released.segment());
        }

        @Override
        void checkAfter() {
            List<Lease> live = List.of(firstLease, kept);
            world.checkOwners(live);
            world.releaseAllAndCheckNothingLeased(live);
        }
    }

    private static final class DoubleRelease extends Round {
        private final Lease lease;

        DoubleRelease(LeaseWorld world) {
            super(world);
            this.lease = world.lease(1);
        }

        @Override
        void firstCall() {
            world.release(lease.segment());
        }

        @Override
        void secondCall() {
            world.release(lease.segment());
        }

        @Override
        void checkAfter() {
            world.checkOwners(List.of());
            world.releaseAllAndCheckNothingLeased(List.of());
        }
    }

    /** Release (and, when {@code releaseAgain}, a second release of the same instance) racing an allocate. */
    private static final class ReleaseVsReuse extends Round {
        private final Lease lease;
        private final boolean releaseAgain;
        private volatile Lease reused;

        ReleaseVsReuse(LeaseWorld world, boolean releaseAgain) {
            super(world);
            this.lease = world.lease(1);
            this.releaseAgain = releaseAgain;
        }

        @Override
        void firstCall() {
            world.release(lease.segment());
            if (releaseAgain) {
                world.release(lease.segment());
            }
        }

        @Override
        void secondCall() {
            reused = world.lease(2);
        }

        @Override
        void checkAfter() {
            world.checkOwners(List.of(reused));
            world.releaseAllAndCheckNothingLeased(List.of(reused));
        }
    }

    private static final class CloseVsUse extends Round {
        private final Lease older;
        private volatile String useOutcome;
        private volatile String closeOutcome;

        CloseVsUse(LeaseWorld world) {
            super(world);
            this.older = world.lease(1);
        }

        @Override
        void firstCall() {
            Lease[] leased = new Lease[1];
            String outcome = LeaseWorld.outcomeOf(() -> {
                leased[0] = world.lease(2);
                world.checkMark(leased[0]);
            });
            if (outcome.equals(LeaseWorld.OK)) {
                outcome = world.release(leased[0].segment());
            }
            if (outcome.equals(LeaseWorld.OK)) {
                outcome = world.release(older.segment());
            }
            useOutcome = outcome;
        }

        @Override
        void secondCall() {
            closeOutcome = LeaseWorld.outcomeOf(world.allocator()::close);
        }

        @Override
        void checkAfter() {
            expectOk("close", closeOutcome);
            if (!(useOutcome.equals(LeaseWorld.OK) || useOutcome.equals(LeaseWorld.ILLEGAL_STATE)
                    || useOutcome.equals(LeaseWorld.CLOSED_SCOPE))) {
                throw new OwnershipViolation(ViolationKind.UNEXPECTED_ERROR, "use racing close ended " + useOutcome
                        + " (legal: completed, refused as closed, or an access to a closed segment refused)");
            }
            String after = LeaseWorld.outcomeOf(() -> world.allocator().allocate(older.segment().byteSize()));
            if (!after.equals(LeaseWorld.ILLEGAL_STATE)) {
                throw new OwnershipViolation(ViolationKind.MISSING_ERROR, "allocate after close ended " + after);
            }
            expectOk("a second close", LeaseWorld.outcomeOf(world.allocator()::close));
        }
    }
}
