package io.segcheck.sim.simulation;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.sim.runner.RunConfig;
import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a seed into one schedule: every worker draws its own stream of operations, and the
 * scheduler (uniform random or PCT-style, per seed) decides whose next operation fills each
 * slot; between them the listener queue gets {@code runTask} slots, and the scheduler-level
 * fault sites (eviction storms, close mid-run) insert their steps. The result is a plain list of
 * steps: the global order, which the lockstep loop runs on one thread and shrinking cuts.
 */
final class SimulationGenerator {

    private SimulationGenerator() {
    }

    static List<Step> generate(RunConfig config, SimulationSettings settings) {
        long seed = config.seed();
        SplittableRandom scheduler = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 7);
        int workers = settings.workers();
        SplittableRandom[] streams = new SplittableRandom[workers];
        for (int worker = 0; worker < workers; worker++) {
            streams[worker] = new SplittableRandom(seed * 0x94D049BB133111EBL + 31L * worker + 1);
        }
        PctScheduler pct = new PctScheduler(workers, config.steps(), 20, scheduler);
        List<Step> steps = new ArrayList<>(config.steps());
        int[] calmAt = {-1, -1};
        boolean closed = false;
        for (int slot = 0; slot < config.steps(); slot++) {
            for (int cache = 0; cache < 2; cache++) {
                if (calmAt[cache] == slot) {
                    steps.add(Step.of("calm", cache));
                    calmAt[cache] = -1;
                }
            }
            if (settings.isActive(FaultSite.EVICTION_STORM) && chance(scheduler, settings.permille(FaultSite.EVICTION_STORM) / 4)) {
                int cache = scheduler.nextInt(2);
                if (calmAt[cache] < 0) {
                    steps.add(Step.of("storm", cache, 50 + scheduler.nextInt(350)));
                    calmAt[cache] = slot + 5 + scheduler.nextInt(30);
                }
            }
            if (!closed && slot > 10 && settings.isActive(FaultSite.CLOSE_MID_OPERATION)
                    && chance(scheduler, settings.permille(FaultSite.CLOSE_MID_OPERATION) / 20)) {
                steps.add(Step.of("closeAllocator"));
                closed = true;
            }
            if (chance(scheduler, settings.listenerPermille())) {
                steps.add(Step.of("runTask", scheduler.nextInt(4)));
                continue;
            }
            int worker = settings.scheduling() == Scheduling.PCT ? pct.next(slot) : scheduler.nextInt(workers);
            steps.add(settings.allocatorAlone()
                    ? AllocatorUser.next(worker, streams[worker], settings.allocatorAloneClasses())
                    : WorkerRole.of(worker).next(worker, streams[worker]));
        }
        return steps.size() > config.steps() ? List.copyOf(steps.subList(0, config.steps())) : List.copyOf(steps);
    }

    private static boolean chance(SplittableRandom random, int permille) {
        return random.nextInt(1000) < permille;
    }
}
