package io.segcheck.fray;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedPageScenarios;
import io.segcheck.kit.fray.GeneratedPageScenarios.Found;
import io.segcheck.kit.fray.PageScenariosFrayBase;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's generated page scenarios find what they must on outside pages, through their factories
 * and declared designs (the clean runs are {@link AppendLogPageScenariosFrayTest} and
 * {@link SegcheckPageScenariosFrayTest}): the example page's planted return that checks its flag,
 * releases, and only then sets it (no lock) is found by programs nobody shaped for it, as is a clear
 * that zeroes outside the page's lock, planted here and told to no checker.
 */
class GeneratedPageScenariosFrayTest {

    private static final int PLANTED_PROGRAMS = 30;
    private static final int SCHEDULES = 20;

    @Test
    void theExamplePagesPlantedRacingReturnIsFound() {
        assertFound(new AppendLogPageFactory.ReturnNotIdempotent(), "kit-page-planted", ViolationKind.DOUBLE_RELEASE);
    }

    /**
     * A break the scenarios were never told about: the correct example page behind an adapter whose
     * {@code clear()} zeroes the segments the probe listed, outside the page's lock. One thread alone
     * never sees it (a returned page lists nothing), a return racing between the probe and the
     * zeroing makes it write released memory.
     */
    @Test
    void aClearThatZeroesOutsideThePagesLockIsFoundWhenAReturnRacesIt() {
        assertFound(new ZeroesOutsideTheLock(), "kit-page-clear-outside-lock", ViolationKind.USE_AFTER_RELEASE);
    }

    private static void assertFound(PageFactory planted, String name, ViolationKind expected) {
        Found found = new GeneratedPageScenarios(planted).search(name, 0, PLANTED_PROGRAMS, SCHEDULES, Strategy.POS)
                .orElseThrow(() -> new AssertionError(planted.name() + " NOT found by " + PLANTED_PROGRAMS
                        + " generated programs of " + SCHEDULES + " schedules"));
        System.out.println("KIT-PAGE-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + " "
                + found.program().text() + "\n  " + found.exploration().summary());
        assertEquals(expected, OwnershipViolation.in(found.exploration().failure()).kind(), found.exploration().summary());
        // What the base's failure message tells a team to run: that one program, up to its failing schedule.
        String replay = PageScenariosFrayBase.replayProperties(found);
        assertTrue(replay.contains("-D" + PageScenariosFrayBase.FIRST_SEED_PROPERTY + "=" + found.program().seed()), replay);
        Found again = new GeneratedPageScenarios(planted).search(name + "-replay", found.program().seed(), 1,
                found.exploration().iterationsRun(), Strategy.POS).orElseThrow(
                        () -> new AssertionError("the replay (" + replay + ") ran clean"));
        assertEquals(found.exploration().iterationsRun(), again.exploration().iterationsRun(),
                "the replay failed at another schedule: " + again.exploration().summary());
        assertEquals(expected, OwnershipViolation.in(again.exploration().failure()).kind(), again.exploration().summary());
    }

    /** The example page; its adapter's clear zeroes what the probe listed, then clears, outside the page's lock. */
    public static final class ZeroesOutsideTheLock implements PageFactory {
        private final PageFactory inner = new AppendLogPageFactory();
        private volatile int zeroings;

        @Override
        public PageAdapter create(OffHeapAllocator allocator, PageDesign.DeweyIds deweyIds) {
            PageAdapter page = inner.create(allocator, deweyIds);
            return (PageAdapter) Proxy.newProxyInstance(PageAdapter.class.getClassLoader(),
                    new Class<?>[] {PageAdapter.class}, (proxy, method, args) -> {
                        if (method.getName().equals("clear")) {
                            List<MemorySegment> held = page.heldSegments();
                            zeroings++; // a field Fray sees: a return may run here
                            held.forEach(segment -> segment.fill((byte) 0));
                        }
                        try {
                            return method.invoke(page, args);
                        } catch (InvocationTargetException thrown) {
                            throw thrown.getCause();
                        }
                    });
        }

        @Override
        public PageDesign design() {
            return inner.design();
        }

        @Override
        public String name() {
            return "append-log-page+ZeroesOutsideTheLock";
        }
    }
}
