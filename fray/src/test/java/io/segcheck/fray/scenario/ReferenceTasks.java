package io.segcheck.fray.scenario;

import io.segcheck.sim.world.TaskQueue;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The reference world's cache executor: maintenance runs at once on the calling thread (it changes
 * nothing a call sees, nothing being evicted by size), removal notifications queue until the order
 * under check reaches a listener run, which runs the oldest, as the scenario's listener thread does.
 */
final class ReferenceTasks implements TaskQueue {

    private final Deque<Runnable> listeners = new ArrayDeque<>();

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
        Runnable task = listeners.pollFirst();
        if (task == null) {
            return "";
        }
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
