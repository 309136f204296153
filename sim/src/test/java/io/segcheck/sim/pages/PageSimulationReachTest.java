package io.segcheck.sim.pages;

import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.sim.runner.Lockstep;
import io.segcheck.sim.runner.RunOutcome;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page simulator reaches what it claims to on segcheck's own page: failing allocations that
 * land inside a write, writes refused at the maximum, guards, racing returns, resets and the pool;
 * and one seed's schedule is the same list every time.
 */
class PageSimulationReachTest {

    private final PageSimulationFactory factory = new PageSimulationFactory(new KeyValueLeafPageFactory(),
            new SegcheckAllocatorFactory());

    @Test
    void everyRoleAndTheFailingAllocationsReachThePage() {
        Map<String, Integer> reached = new LinkedHashMap<>();
        for (String marker : List.of("injected allocation failure; the page is intact", "PageFullException",
                ".guard() -> ok", ".guard.close() -> ok", "racingReturns() -> ok", ".reset() -> ok",
                "pool.borrow -> ok", "pool.giveBack", ".clear() -> ok")) {
            reached.put(marker, 0);
        }
        for (long seed = 0; seed < 120; seed++) {
            RunConfig config = PageSimulator.config(seed, 200);
            PageSimulationSettings settings = PageSimulationSettings.forSeed(seed, factory.roles().size(), true);
            RunOutcome outcome = new Lockstep(factory).execute(config, factory.schedule(config, settings), true);
            assertTrue(outcome.clean(), outcome.sentence());
            for (String line : outcome.trace()) {
                reached.replaceAll((marker, count) -> line.contains(marker) ? count + 1 : count);
            }
        }
        System.out.println("PAGE SIMULATION REACHED " + reached);
        reached.forEach((marker, count) -> assertTrue(count > 0, "never reached: " + marker + " in " + reached));
    }

    @Test
    void aSeedsScheduleIsTheSameEveryTime() {
        RunConfig config = PageSimulator.config(7, 300);
        PageSimulationSettings settings = PageSimulationSettings.forSeed(7, 6, true);
        assertEquals(factory.schedule(config, settings), factory.schedule(config, settings));
    }
}
