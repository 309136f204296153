package io.segcheck.sim.world;

import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The world's fault hook, for segcheck's own sites and the allocator's named ones: a site fires only while the binding has armed it for the call being
 * made (only where the model can follow the failure) and the simulation's decisions say so; every
 * firing is recorded, so the model learns which failure was made on purpose.
 */
final class RecordingFaults implements Faults {

    private final Faults decisions;
    private final NamedFaults namedDecisions;
    private final Set<FaultSite> armed = EnumSet.noneOf(FaultSite.class);
    private final List<FaultSite> fired = new ArrayList<>();
    /** The allocator's own named sites fire only inside a real call, like segcheck's. */
    private boolean namedArmed;
    private final List<String> namedFired = new ArrayList<>();
    private boolean enabled = true;

    RecordingFaults(Faults decisions) {
        this(decisions, NamedFaults.none());
    }

    RecordingFaults(Faults decisions, NamedFaults namedDecisions) {
        this.decisions = decisions;
        this.namedDecisions = namedDecisions;
    }

    /** A fault site the allocator declared by name: fires only while armed and when the decisions say so. */
    boolean fireNamed(String site) {
        if (!enabled || !namedArmed || !namedDecisions.fire(site)) {
            return false;
        }
        namedFired.add(site);
        return true;
    }

    /** How many named sites fired since the last {@link #arm}. */
    int namedFiredCount() {
        return namedFired.size();
    }

    /** The named sites that fired since the last {@link #arm}, in order. */
    List<String> namedFired() {
        return namedFired;
    }

    @Override
    public boolean fire(FaultSite site) {
        if (!enabled || !armed.contains(site) || !decisions.fire(site)) {
            return false;
        }
        fired.add(site);
        return true;
    }

    /** Arms exactly {@code sites} for the next call and forgets what fired before. */
    void arm(Set<FaultSite> sites) {
        armed.clear();
        armed.addAll(sites);
        fired.clear();
        namedArmed = true;
        namedFired.clear();
    }

    /** No site fires until the next {@link #arm}; what fired stays readable. */
    void disarm() {
        armed.clear();
        namedArmed = false;
    }

    /** The sites that fired since the last {@link #arm}, in order. */
    List<FaultSite> fired() {
        return fired;
    }

    int firedCount() {
        return fired.size();
    }

    boolean firedSince(int mark, FaultSite site) {
        for (int i = mark; i < fired.size(); i++) {
            if (fired.get(i) == site) {
                return true;
            }
        }
        return false;
    }

    /** How many times {@code site} fired since {@code mark} ({@link #firedCount()} then). */
    int firedCountSince(int mark, FaultSite site) {
        int count = 0;
        for (int i = mark; i < fired.size(); i++) {
            count += fired.get(i) == site ? 1 : 0;
        }
        return count;
    }

    /** Quiesce: no site fires any more. */
    void disable() {
        enabled = false;
    }
}
