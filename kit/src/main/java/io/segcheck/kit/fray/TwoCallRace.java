package io.segcheck.kit.fray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One race between two calls on real objects: a fresh world per run, two calls, the invariants
 * checked after both, and the world closed even when a check fails (no run leaks memory).
 */
public interface TwoCallRace extends AutoCloseable {

    /** The first thread's call. */
    void first();

    /** The second thread's call. */
    void second();

    /** The invariants after both calls; throws an {@link AssertionError} naming the broken one. */
    void check();

    @Override
    void close();

    /**
     * One run, e.g. one Fray iteration: a new world, both calls on two real threads started together,
     * then the checks.
     */
    static Runnable onTwoThreads(Supplier<? extends TwoCallRace> world) {
        return () -> {
            try (TwoCallRace race = world.get()) {
                Thread firstThread = new Thread(race::first, "first");
                Thread secondThread = new Thread(race::second, "second");
                firstThread.start();
                secondThread.start();
                join(firstThread);
                join(secondThread);
                race.check();
            }
        };
    }

    /**
     * Both calls on the calling thread, first then second and second then first, each order on a
     * new world: what a bug that needs an interleaving inside a call does NOT show. Returns the
     * violations of type {@code violation} seen (empty when both orders are clean).
     */
    static <V extends AssertionError> List<V> inBothOrdersOnOneThread(Supplier<? extends TwoCallRace> world,
                                                                       Class<V> violation) {
        List<V> violations = new ArrayList<>();
        for (boolean firstFirst : new boolean[] {true, false}) {
            try (TwoCallRace race = world.get()) {
                if (firstFirst) {
                    race.first();
                    race.second();
                } else {
                    race.second();
                    race.first();
                }
                race.check();
            } catch (AssertionError broken) {
                if (!violation.isInstance(broken)) {
                    throw broken;
                }
                violations.add(violation.cast(broken));
            }
        }
        return violations;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread.getName(), interrupted);
        }
    }
}
