package io.segcheck.sim.world;

import io.segcheck.model.OwnershipModel;

import java.util.HashSet;
import java.util.Set;

/**
 * What the bindings of one run share: the world, the comparer of calls, the run's findings, and
 * per step the trace line being built and the pages the step's calls named.
 */
final class StepScope {

    final World world;
    final Findings findings = new Findings();
    final StringBuilder trace = new StringBuilder();
    final Calls calls;
    /** Page ids the current step's calls named, for {@link Invariants}' bounded content reads. */
    final Set<Integer> touchedPages = new HashSet<>();

    StepScope(World world) {
        this.world = world;
        this.calls = new Calls(world, findings, trace);
    }

    /** Starts step {@code stepIndex} on both sides. */
    void begin(int stepIndex) {
        touchedPages.clear();
        findings.step(stepIndex);
        if (world.lockstep()) {
            world.model.beginStep(stepIndex);
        }
    }

    OwnershipModel model() {
        return world.model;
    }

    Populations populations() {
        return world.populations;
    }

    String pageName(int id) {
        return world.lockstep() ? world.model.page(id).describe() : "page#" + id;
    }

    void noop() {
        trace.append(" noop");
    }

    /**
     * The position {@code arg} names among {@code size} objects (counted from the newest), or -1 after
     * recording the step as a no-op because there is none: so any shrunk sequence stays runnable.
     */
    int pickOrNoop(long arg, int size) {
        int position = Populations.pick(arg, size);
        if (position < 0) {
            noop();
        }
        return position;
    }
}
