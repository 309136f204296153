package io.segcheck.stress.check;

import io.segcheck.stress.jcstress.Cache_01_BrokenEvictVsGuard;
import io.segcheck.stress.jcstress.Kit_03_BrokenFreeListPoolStaleReleaseVsReuse;
import io.segcheck.stress.jcstress.Page_01_BrokenConcurrentReturn;
import io.segcheck.stress.jcstress.Page_03_BrokenClearVsReuse;
import io.segcheck.stress.jcstress.Page_04_BrokenRetireVsGuard;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.LLI_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A red twin proves an interleaving only when its FORBIDDEN outcome is impossible in either order
 * of its two actors' whole calls: this runs each twin's actors on one thread, first-then-second
 * and second-then-first, each on a new state, then its arbiter, and grades the outcome with the
 * twin's own {@code @Outcome}s (the first whose id matches, as JCStress grades). JCStress then has
 * to show the FORBIDDEN outcome in some samples (BrokenSiblingCheck in {@code verify}).
 */
class RedTwinOrdersTest {

    @Test
    void clearVsReuseTwinIsCleanInBothOrdersOfWholeCalls() {
        assertBothOrdersAllowed(Page_03_BrokenClearVsReuse.class);
    }

    @Test
    void evictVsGuardTwinIsCleanInBothOrdersOfWholeCalls() {
        assertBothOrdersAllowed(Cache_01_BrokenEvictVsGuard.class);
    }

    @Test
    void retireVsGuardTwinIsCleanInBothOrdersOfWholeCalls() {
        assertBothOrdersAllowed(Page_04_BrokenRetireVsGuard.class);
    }

    @Test
    void freeListPoolStaleReleaseTwinIsCleanInBothOrdersOfWholeCalls() {
        assertBothOrdersAllowed(Kit_03_BrokenFreeListPoolStaleReleaseVsReuse.class);
    }

    /**
     * The one twin that cannot need an interleaving: RETURN_NOT_IDEMPOTENT removes the returned
     * flag, so a second return releases again whatever the order; it proves the wiring only.
     */
    @Test
    void concurrentReturnTwinFailsInEveryOrderOfWholeCalls() {
        for (boolean firstFirst : new boolean[] {true, false}) {
            assertEquals(Expect.FORBIDDEN, grade(Page_01_BrokenConcurrentReturn.class, firstFirst));
        }
    }

    private static void assertBothOrdersAllowed(Class<?> twin) {
        for (boolean firstFirst : new boolean[] {true, false}) {
            assertNotEquals(Expect.FORBIDDEN, grade(twin, firstFirst), twin.getSimpleName() + " first actor first="
                    + firstFirst);
        }
    }

    /** Runs one state's actors in one order, then its arbiter, and grades the outcome. */
    private static Expect grade(Class<?> twin, boolean firstFirst) {
        try {
            Object state = twin.getConstructor().newInstance();
            List<Method> actors = new ArrayList<>(Arrays.stream(twin.getMethods())
                    .filter(method -> method.isAnnotationPresent(Actor.class))
                    .sorted(Comparator.comparing(Method::getName)).toList());
            assertEquals(2, actors.size(), twin + " actors");
            if (!firstFirst) {
                actors = actors.reversed();
            }
            Class<?> resultType = actors.getFirst().getParameterTypes()[0];
            Object result = resultType.getConstructor().newInstance();
            for (Method actor : actors) {
                actor.invoke(state, result);
            }
            for (Method arbiter : twin.getMethods()) {
                if (arbiter.isAnnotationPresent(Arbiter.class)) {
                    arbiter.invoke(state, result);
                }
            }
            String outcome = outcome(result);
            for (Outcome declared : twin.getAnnotationsByType(Outcome.class)) {
                if (Arrays.stream(declared.id()).anyMatch(outcome::matches)) {
                    System.out.println("ORDER twin=" + twin.getSimpleName() + " actors=" + actors.stream()
                            .map(Method::getName).toList() + " outcome=" + outcome + " graded=" + declared.expect());
                    return declared.expect();
                }
            }
            throw new AssertionError(twin + ": no @Outcome matches " + outcome);
        } catch (ReflectiveOperationException failed) {
            Throwable cause = failed instanceof InvocationTargetException thrown ? thrown.getCause() : failed;
            throw new AssertionError(twin + " could not run on one thread: " + cause, cause);
        }
    }

    private static String outcome(Object result) {
        return switch (result) {
            case LLL_Result lll -> lll.r1 + ", " + lll.r2 + ", " + lll.r3;
            case LLI_Result lli -> lli.r1 + ", " + lli.r2 + ", " + lli.r3;
            default -> throw new AssertionError("unexpected result type " + result.getClass());
        };
    }
}
