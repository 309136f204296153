package io.segcheck.sim.runner;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;

/** Shared helpers for engine tests over {@link ToyWorld}. */
final class ToyRuns {

    /** Switches the toy's counter bug on (LOST_DATA after add>=10 x3 then sub). */
    static final Switches COUNTER_BUG = DefectSwitches.of(Defects.of(Defect.CLEAR_ZEROES_RETURNED));
    /** Switches the toy's handle leak on (LEAK at quiesce after open, open, close). */
    static final Switches LEAK_BUG = DefectSwitches.of(Defects.of(Defect.EVICTION_SKIPS_RETURN));

    private ToyRuns() {
    }

    static RunConfig config(long seed, int steps, Switches defects) {
        return RunConfig.forSeed(seed, steps, defects, true);
    }

    /** The first failing seed's report in {@code 0..limit}; fails the test when none fails. */
    static RunReport firstFailure(Runner runner, Switches defects, int steps, int limit) {
        for (long seed = 0; seed < limit; seed++) {
            RunConfig config = config(seed, steps, defects);
            if (!runner.execute(config, runner.generate(config)).clean()) {
                return runner.run(config, true);
            }
        }
        throw new AssertionError("no seed in 0.." + limit + " failed with defects=" + defects);
    }
}
