package io.segcheck.fray;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.kit.OwnershipViolation;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedPageScenarios;
import io.segcheck.kit.fray.GeneratedPageScenarios.Found;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's generated page scenarios on outside pages, through their factories and declared
 * designs: the example page and segcheck's own page (bound through the same seam, on segcheck's
 * allocator) stay clean over the first seeds, and the example page's planted return that checks its
 * flag, releases, and only then sets it (no lock) is found by programs nobody shaped for it, as is
 * a clear that zeroes outside the page's lock, planted here and told to no checker.
 */
class GeneratedPageScenariosFrayTest {

    private static final int CLEAN_PROGRAMS = 10;
    private static final int PLANTED_PROGRAMS = 30;
    private static final int SCHEDULES = 20;

    @Test
    void theExamplePageStaysCleanOverTheFirstSeeds() {
        assertClean(new GeneratedPageScenarios(new AppendLogPageFactory()), "kit-page-append-log");
    }

    @Test
    void segchecksPageThroughTheSeamStaysCleanOverTheFirstSeeds() {
        assertClean(new GeneratedPageScenarios(new KeyValueLeafPageFactory(), new SegcheckAllocatorFactory()),
                "kit-page-segcheck");
    }

    @Test
    void theExamplePagesPlantedRacingReturnIsFound() {
        PageFactory planted = new AppendLogPageFactory.ReturnNotIdempotent();
        Found found = new GeneratedPageScenarios(planted).search("kit-page-planted", 0, PLANTED_PROGRAMS, SCHEDULES,
                Strategy.POS).orElseThrow(() -> new AssertionError(planted.name() + "'s racing return NOT found by "
                + PLANTED_PROGRAMS + " generated programs of " + SCHEDULES + " schedules"));
        System.out.println("KIT-PAGE-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + " "
                + found.program().text() + "\n  " + found.exploration().summary());
        assertEquals(ViolationKind.DOUBLE_RELEASE, OwnershipViolation.in(found.exploration().failure()).kind(),
                found.exploration().summary());
    }

    /**
     * A break the scenarios were never told about: the correct example page behind an adapter whose
     * {@code clear()} zeroes the segments the probe listed, outside the page's lock. One thread alone
     * never sees it (a returned page lists nothing), a return racing between the probe and the
     * zeroing makes it write released memory.
     */
    @Test
    void aClearThatZeroesOutsideThePagesLockIsFoundWhenAReturnRacesIt() {
        PageFactory planted = new ZeroesOutsideTheLock();
        Found found = new GeneratedPageScenarios(planted).search("kit-page-clear-outside-lock", 0, PLANTED_PROGRAMS,
                SCHEDULES, Strategy.POS).orElseThrow(() -> new AssertionError("the clear outside the lock NOT found by "
                + PLANTED_PROGRAMS + " generated programs of " + SCHEDULES + " schedules"));
        System.out.println("KIT-PAGE-PLANTED-FOUND " + planted.name() + " programsTried=" + found.programsTried() + " "
                + found.program().text() + "\n  " + found.exploration().summary());
        assertEquals(ViolationKind.USE_AFTER_RELEASE, OwnershipViolation.in(found.exploration().failure()).kind(),
                found.exploration().summary());
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

    private static void assertClean(GeneratedPageScenarios scenarios, String name) {
        Optional<Found> found = scenarios.search(name, 0, CLEAN_PROGRAMS, SCHEDULES, Strategy.POS);
        assertTrue(found.isEmpty(), () -> name + " failed " + found.get().program().text() + ": "
                + found.get().exploration().summary());
    }
}
