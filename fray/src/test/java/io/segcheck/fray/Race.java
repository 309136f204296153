package io.segcheck.fray;

import io.segcheck.impl.defect.Defects;
import io.segcheck.kit.fray.TwoCallRace;

import java.util.List;
import java.util.function.Function;

/**
 * One race between two calls on real objects: a fresh world per iteration, two actors, and the
 * ownership invariants checked after both (and at observation points inside them).
 *
 * <p>Each actor records what its call did as an outcome word ({@link io.segcheck.stress.RaceOutcomes})
 * instead of throwing, so a refused call is data for {@link #check()} and only a broken invariant
 * fails the iteration. {@link #close()} releases what the world still holds and closes its allocator.
 */
abstract class Race implements TwoCallRace {

    /** The first invariant an actor saw broken at an observation point inside its call. */
    private volatile RaceViolation observed;

    /** The invariants after both calls; throws {@link RaceViolation} naming the broken one. */
    abstract void checkAfter();

    /**
     * The invariants after both calls, then what an actor saw at an observation point. The final
     * state's violation wins when both exist (it names what is lost for good: a leak outlives a
     * read of an emptied page); the one seen inside a call is attached to it.
     */
    @Override
    public final void check() {
        RaceViolation seen = observed;
        try {
            checkAfter();
        } catch (RaceViolation after) {
            if (seen != null) {
                after.addSuppressed(seen);
            }
            throw after;
        }
        if (seen != null) {
            throw seen;
        }
    }

    /** Records a broken invariant seen inside a call; the iteration fails with it after the join. */
    final void violated(io.segcheck.model.ViolationKind kind, String message) {
        if (observed == null) {
            observed = new RaceViolation(kind, message);
        }
    }

    @Override
    public abstract void close();

    /**
     * One Fray iteration: a new world, both calls on two real threads started together, then the
     * checks. The world is closed even when a check fails, so no iteration leaks mapped memory.
     */
    static Runnable onTwoThreads(Function<Defects, Race> world, Defects defects) {
        return TwoCallRace.onTwoThreads(() -> world.apply(defects));
    }

    /**
     * Both calls on the calling thread, first then second and second then first, each order on a
     * new world: what a defect that needs an interleaving inside a call does NOT show. Returns the
     * violations seen (empty when both orders are clean).
     */
    static List<RaceViolation> inBothOrdersOnOneThread(Function<Defects, Race> world, Defects defects) {
        return TwoCallRace.inBothOrdersOnOneThread(() -> world.apply(defects), RaceViolation.class);
    }
}
