package io.segcheck.fray.scenario;

import io.segcheck.model.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run's calls are explained by some order of whole calls that respects real time (a call
 * that returned before another was invoked comes first): applied in that order to the reference
 * (the fixed system with the model in lockstep), every call gives the result the run gave, and the
 * leased count at the end is the run's. The search extends an order one call at a time, any call
 * no unplaced call returned before, and drops every order through a prefix whose last call
 * disagrees; a reference world is rebuilt and the prefix replayed whenever the search backs up.
 * With at most 4 x 4 calls the search is bounded by {@code maxWorlds}; past it the verdict is
 * "undecided" (counted, never reported as a finding).
 */
final class Linearizability {

    /**
     * The verdict: {@code explained} when some order explains the run. Otherwise the deepest order
     * that went wrong: the calls it placed, the call that disagreed (null when the end did) with the
     * model's expected result and the run's.
     */
    record Verdict(boolean explained, boolean undecided, List<History.Call> deepestOrder, List<String> deepestExpected,
                   History.Call disagreeing, String expected, String observed, Violation modelViolation,
                   int worldsBuilt) {

        String describe() {
            if (explained) {
                return "explained by an order of whole calls (" + worldsBuilt + " reference worlds)";
            }
            if (undecided) {
                return "undecided after " + worldsBuilt + " reference worlds";
            }
            StringBuilder text = new StringBuilder("no order of whole calls that respects real time explains the run ("
                    + worldsBuilt + " reference worlds). Deepest order:");
            for (int i = 0; i < deepestOrder.size(); i++) {
                History.Call call = deepestOrder.get(i);
                text.append("\n    ").append(call.describe()).append(" -> ").append(call.token())
                        .append("   (model: ").append(deepestExpected.get(i)).append(')');
            }
            if (disagreeing != null) {
                text.append("\n  then ").append(disagreeing.describe()).append(": the model expects ").append(expected)
                        .append(", the run gave ").append(observed);
            } else {
                text.append("\n  then the end: the model expects leasedSegments=").append(expected)
                        .append(", the run ended with ").append(observed);
            }
            if (modelViolation != null) {
                text.append("\n  the model disagreed with the fixed system on that order: ").append(modelViolation);
            }
            return text.toString();
        }
    }

    private final Scenario scenario;
    private final History history;
    private final List<History.Call> calls;
    private final boolean[] placed;
    private final List<History.Call> order = new ArrayList<>();
    /** The removal each listener run of {@link #order} ran (see {@link Reference#apply}). */
    private final List<Integer> choices = new ArrayList<>();
    /** The reference's result of each call of {@link #order}: the model's expected outcome there. */
    private final List<String> expectedResults = new ArrayList<>();
    private final int maxWorlds;
    private Reference reference;
    private int worldsBuilt;
    private List<History.Call> deepest = List.of();
    private List<String> deepestResults = List.of();
    private History.Call deepestCall;
    private String deepestExpected;
    private String deepestObserved;
    private Violation deepestViolation;

    private Linearizability(Scenario scenario, History history, int maxWorlds) {
        this.scenario = scenario;
        this.history = history;
        this.calls = history.calls();
        this.placed = new boolean[calls.size()];
        this.maxWorlds = maxWorlds;
    }

    static Verdict check(Scenario scenario, History history, int maxWorlds) {
        Linearizability search = new Linearizability(scenario, history, maxWorlds);
        try {
            boolean explained = search.search();
            boolean undecided = !explained && search.worldsBuilt >= maxWorlds;
            if (explained) {
                search.deepest = List.copyOf(search.order);
                search.deepestResults = List.copyOf(search.expectedResults);
            }
            return new Verdict(explained, undecided, search.deepest, search.deepestResults, search.deepestCall, search.deepestExpected,
                    search.deepestObserved, search.deepestViolation, search.worldsBuilt);
        } finally {
            if (search.reference != null) {
                search.reference.close();
            }
        }
    }

    private boolean search() {
        if (order.size() == calls.size()) {
            return endAgrees();
        }
        for (int i = 0; i < calls.size(); i++) {
            if (placed[i] || !minimal(i)) {
                continue;
            }
            if (worldsBuilt >= maxWorlds) {
                return false;
            }
            if (placeAndSearch(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Places call {@code i} next, once per removal a listener run may run here (once for any other
     * call), and searches on from each placement that agrees.
     */
    private boolean placeAndSearch(int i) {
        History.Call call = calls.get(i);
        List<History.Call> momentary = momentaryLeaseHolders(call);
        int options = call.isListener() ? Math.max(1, referenceAtOrder().queuedListeners()) : 1 + momentary.size();
        for (int choice = 0; choice < options; choice++) {
            if (worldsBuilt >= maxWorlds) {
                return false;
            }
            Reference at = referenceAtOrder();
            String expected;
            // a momentary lease's choice is recorded negative, so a rebuilt world replays it as the refusal
            int recorded = call.isListener() || choice == 0 ? choice : -choice;
            if (recorded >= 0) {
                expected = at.apply(call, choice);
            } else {
                worldsBuilt++; // the world of the moment
                expected = at.applyDuringAMomentaryLease(call, momentary.get(choice - 1).op().arg(0), recorded);
            }
            if (!agrees(call, expected, at)) {
                remember(call, expected, call.token(), at.violation());
                continue;
            }
            placed[i] = true;
            order.add(call);
            choices.add(recorded);
            expectedResults.add(expected);
            if (search()) {
                return true;
            }
            order.removeLast();
            choices.removeLast();
            expectedResults.removeLast();
            placed[i] = false;
        }
        return false;
    }

    /**
     * For a call the run refused EXHAUSTED (a lease of its own it asked for): the overlapping calls
     * that hold a lease for a moment while they ask for a second one, the model's calls being one
     * step: a borrow with a separate DeweyID segment holds its slot segment meanwhile, and gives it
     * back when the second is refused. Only one not placed yet, or refused (then it changed
     * nothing), can still be in that moment at this point of the order. (A write that grows a page
     * also holds old and new for a moment; not handled: how much it leases depends on the page.)
     */
    private List<History.Call> momentaryLeaseHolders(History.Call call) {
        if (call.isListener() || !"err:EXHAUSTED".equals(call.token()) || !asksForALease(call.op().kind())) {
            return List.of();
        }
        List<History.Call> holders = new ArrayList<>();
        for (int j = 0; j < calls.size(); j++) {
            History.Call other = calls.get(j);
            if (other != call && !other.isListener() && other.op().kind() == OpKind.BORROW && other.op().arg(1) != 0
                    && (!placed[j] || other.token().startsWith("err:")) && other.invoked() < call.returned()
                    && call.invoked() < other.returned()) {
                holders.add(other);
            }
        }
        return holders;
    }

    private static boolean asksForALease(OpKind kind) {
        return kind == OpKind.ALLOCATE || kind == OpKind.BORROW || kind == OpKind.SET_SLOT || kind == OpKind.SET_DEWEY_ID;
    }

    /** No unplaced call returned before call {@code i} was invoked. */
    private boolean minimal(int i) {
        long invoked = calls.get(i).invoked();
        for (int j = 0; j < calls.size(); j++) {
            if (!placed[j] && j != i && calls.get(j).returned() < invoked) {
                return false;
            }
        }
        return true;
    }

    private boolean agrees(History.Call call, String expected, Reference at) {
        if (at.violation() != null) {
            return false;
        }
        if (call.isListener() || at.closed() || call.op().kind() == OpKind.CLOSE) {
            return true; // a listener run has no result; after close every call is refused or does nothing
        }
        if (call.op().kind() == OpKind.STATS && overlapsAnother(call)) {
            // stats() is exact only when no call is in flight (its contract): a count taken during
            // another call is any snapshot, so only a stats() alone in time is compared
            return call.token().startsWith("ok:leased=");
        }
        if (refusedByAConcurrentClose(call)) {
            return true;
        }
        return expected.equals(call.token()) || refusedAfterUnmap(expected, call.token())
                || refusedAsReleasedOrReleasedAndGrantedAgain(expected, call.token());
    }

    /**
     * A release of a lease its caller no longer holds is refused DOUBLE_RELEASE while the slice is
     * free or quarantined, STALE once a later grant leased it again: which one depends on which
     * slice a grant took, which the reference's allocator does not repeat (grants are not fed
     * from the run). A page's return is two releases, not one step: an allocate between them can
     * take the slice the first pushed out of quarantine, where the model's whole return leaves
     * another on top (fixed system, deep run seed 180: STALE, model DOUBLE_RELEASE). Either
     * refusal is the model's outcome there; a release accepted or refused otherwise still disagrees.
     */
    private static boolean refusedAsReleasedOrReleasedAndGrantedAgain(String expected, String observed) {
        return isReleasedOrGrantedAgain(expected) && isReleasedOrGrantedAgain(observed);
    }

    private static boolean isReleasedOrGrantedAgain(String token) {
        return "err:DOUBLE_RELEASE".equals(token) || "err:STALE".equals(token);
    }

    /**
     * The reference says {@code err:REFUSED_AFTER_UNMAP} for a release whose region may have been
     * unmapped since (sim's Calls.traced): whether the allocator then says FOREIGN, DOUBLE_RELEASE or
     * STALE depends on where mmap placed later regions, which the reference's own allocator does not
     * repeat. Each of them is the model's outcome there (fixed system, seed 33: FOREIGN).
     */
    private static boolean refusedAfterUnmap(String expected, String observed) {
        return "err:REFUSED_AFTER_UNMAP".equals(expected) && (observed.equals("err:FOREIGN")
                || observed.equals("err:DOUBLE_RELEASE") || observed.equals("err:STALE"));
    }

    /**
     * A call refused ILLEGAL_STATE while a close() overlaps it: accepted with the model's result in
     * this order (whatever the call did, close then took back). Such a call acts in two steps by
     * contract: it checks that the allocator is open, takes effect where others can see it, and is
     * refused only at its next allocator call, after close ran. An allocate takes a region first
     * ("only close removes a region with a slice in flight"), so a concurrent allocate may be
     * refused EXHAUSTED for it (fixed system, seed 127); a returnSegments marks the page returned
     * first, so a concurrent put is refused the page (seed 109). The model's calls are atomic: they
     * explain the refusal only after close and its effect only before. Memory safety of such runs
     * is still judged by the ownership checks. The refusal may also come in the segment API's
     * words ({@code err:IllegalStateException}, FFM's "Already closed"): an allocate that took its
     * slice zeroes it after close closed the region's arena (nightly seed 298), which is still the
     * contract's "calls after close() throw IllegalStateException".
     */
    private boolean refusedByAConcurrentClose(History.Call call) {
        return ("err:ILLEGAL_STATE".equals(call.token()) || "err:IllegalStateException".equals(call.token()))
                && overlapsA(call, OpKind.CLOSE);
    }

    private boolean overlapsA(History.Call call, OpKind kind) {
        for (History.Call other : calls) {
            if (other != call && !other.isListener() && other.op().kind() == kind && other.invoked() < call.returned()
                    && call.invoked() < other.returned()) {
                return true;
            }
        }
        return false;
    }

    private boolean overlapsAnother(History.Call call) {
        for (History.Call other : calls) {
            if (other != call && other.invoked() < call.returned() && call.invoked() < other.returned()) {
                return true;
            }
        }
        return false;
    }

    private boolean endAgrees() {
        Reference at = referenceAtOrder();
        if (at.closed() || scenario.closes() || at.leased() == history.finalLeased()) {
            return true;
        }
        remember(null, Long.toString(at.leased()), Long.toString(history.finalLeased()), at.violation());
        return false;
    }

    private void remember(History.Call call, String expected, String observed, Violation violation) {
        if (order.size() >= deepest.size()) {
            deepest = List.copyOf(order);
            deepestResults = List.copyOf(expectedResults);
            deepestCall = call;
            deepestExpected = expected;
            deepestObserved = observed;
            deepestViolation = violation;
        }
    }

    /** A reference world that has applied exactly the current order: the last one if it has, else a new one. */
    private Reference referenceAtOrder() {
        if (reference != null && reference.applied().equals(order) && reference.choices().equals(choices)) {
            return reference;
        }
        if (reference != null) {
            reference.close();
        }
        reference = new Reference(scenario);
        worldsBuilt++;
        for (int i = 0; i < order.size(); i++) {
            reference.apply(order.get(i), choices.get(i));
        }
        return reference;
    }
}
