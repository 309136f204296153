package io.segcheck.sim.simulation;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.sim.world.TaskQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The caches' executor in a simulation: Caffeine's removal listeners and maintenance become
 * queued tasks that run only at the scheduler's {@code runTask} steps, in the order the seed
 * says, possibly long after the removal (the key put again, the page reset and reused). The
 * LISTENER_DELAYED site holds a new listener back for some steps.
 */
final class SimulatedExecutor implements TaskQueue {

    private static final class Task {
        final Runnable body;
        final String kind;
        int heldSteps;

        Task(Runnable body, String kind, int heldSteps) {
            this.body = body;
            this.kind = kind;
            this.heldSteps = heldSteps;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private final SeededFaults faults;

    SimulatedExecutor(SeededFaults faults) {
        this.faults = faults;
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        // Caffeine's maintenance is its PerformCleanupTask; everything else it submits is a
        // removal notification. Named by kind, not by class name (lambda names differ per JVM).
        String kind = command.getClass().getName().endsWith("PerformCleanupTask") ? "maintenance" : "listener";
        int held = kind.equals("listener") && faults.fire(FaultSite.LISTENER_DELAYED) ? faults.delaySteps() : 0;
        tasks.add(new Task(command, kind, held));
    }

    @Override
    public int size() {
        return tasks.size();
    }

    @Override
    public String runOne(long arg) {
        List<Task> runnable = new ArrayList<>();
        for (Task task : tasks) {
            if (task.heldSteps == 0) {
                runnable.add(task);
            }
        }
        if (runnable.isEmpty()) {
            return "";
        }
        Task task = runnable.get((int) Math.floorMod(arg, (long) runnable.size()));
        tasks.remove(task);
        task.body.run();
        return task.kind;
    }

    @Override
    public boolean hasMaintenance() {
        for (Task task : tasks) {
            if (task.kind.equals("maintenance")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void tick() {
        for (Task task : tasks) {
            if (task.heldSteps > 0) {
                task.heldSteps--;
            }
        }
    }

    @Override
    public void releaseAll() {
        for (Task task : tasks) {
            task.heldSteps = 0;
        }
    }

    @Override
    public String describe() {
        if (tasks.isEmpty()) {
            return "empty";
        }
        List<String> parts = new ArrayList<>();
        for (Task task : tasks) {
            parts.add(task.heldSteps > 0 ? task.kind + "(held " + task.heldSteps + ")" : task.kind);
        }
        return tasks.size() + ": " + String.join(",", parts);
    }
}
