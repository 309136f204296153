package io.segcheck.fray.scenario;

import io.segcheck.sim.world.TaskQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference world's cache executor: maintenance runs at once on the calling thread (it changes
 * nothing a call sees, nothing being evicted by size), removal notifications queue until the order
 * under check reaches a listener run, which runs the one the order under check chose: the real
 * listener thread runs them in the order they were submitted, but a removal is submitted after it
 * took effect, so two concurrent calls' removals may be submitted in either order whatever order
 * of whole calls explains the run (three concurrent invalidateAll()s, fixed system, seed 130).
 */
final class ReferenceTasks implements TaskQueue {

    private final List<Runnable> listeners = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
        if (ListenerThread.isMaintenance(task)) {
            task.run();
        } else {
            listeners.addLast(task);
        }
    }

    @Override
    public int size() {
        return listeners.size();
    }

    @Override
    public String runOne(long arg) {
        if (listeners.isEmpty()) {
            return "";
        }
        Runnable task = listeners.remove(Math.floorMod(arg, listeners.size()));
        task.run();
        return "listener";
    }

    @Override
    public boolean hasMaintenance() {
        return false;
    }

    @Override
    public void tick() {
        // nothing is held back
    }

    @Override
    public void releaseAll() {
        // nothing is held back
    }

    @Override
    public String describe() {
        return listeners.size() + " listener(s)";
    }
}
