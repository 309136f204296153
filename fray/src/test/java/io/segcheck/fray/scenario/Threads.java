package io.segcheck.fray.scenario;

/** Joining the scenario's threads. */
final class Threads {

    private Threads() {
    }

    static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread.getName(), interrupted);
        }
    }
}
