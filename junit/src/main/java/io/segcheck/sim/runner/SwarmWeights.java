package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Per-seed action weights ("swarm testing"): some actions switched off, the others skewed.
 *
 * <p>One fixed mix of actions explores one corner of the state space over and over; a different
 * mix per seed reaches states a uniform mix almost never builds (a cache that is never
 * invalidated fills up and evicts; a page that is never returned grows until it must resize).
 * The weights are part of the printed settings of every run.
 */
public final class SwarmWeights {

    /** Weight choices for an enabled action; powers of two so one action can dominate a run. */
    private static final int[] SKEWED_WEIGHTS = {1, 2, 4, 8, 16};
    /** One action in this many is switched off per seed. */
    private static final int OFF_ONE_IN = 4;

    private final Map<String, Integer> weights;
    private final Set<String> forcedOff;
    private final List<String> enabled;
    private final int[] cumulative;

    private SwarmWeights(Map<String, Integer> weights, Set<String> forcedOff) {
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.forcedOff = Collections.unmodifiableSet(new TreeSet<>(forcedOff));
        this.enabled = new ArrayList<>();
        List<Integer> sums = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            if (entry.getValue() > 0) {
                total += entry.getValue();
                enabled.add(entry.getKey());
                sums.add(total);
            }
        }
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("weights=" + weights + ": at least one action must be enabled");
        }
        this.cumulative = sums.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The weights of {@code seed} for {@code actionNames}, from the seed's own swarm stream. */
    public static SwarmWeights draw(long seed, List<String> actionNames) {
        if (actionNames.isEmpty()) {
            throw new IllegalArgumentException("actionNames is empty: nothing to generate");
        }
        SplittableRandom random = Streams.swarm(seed);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String action : actionNames) {
            boolean off = random.nextInt(OFF_ONE_IN) == 0;
            int weight = SKEWED_WEIGHTS[random.nextInt(SKEWED_WEIGHTS.length)];
            weights.put(action, off ? 0 : weight);
        }
        if (weights.values().stream().allMatch(weight -> weight == 0)) {
            // Keep the seed useful: switch the first action back on rather than generate nothing.
            weights.put(actionNames.getFirst(), 1);
        }
        return new SwarmWeights(weights, Set.of());
    }

    /**
     * These weights with {@code actions} switched off on request (e.g. to keep sweeping while a
     * known finding in one action is being fixed). The other weights stay as the seed drew them.
     *
     * @throws IllegalArgumentException naming an action this swarm does not have, or when nothing
     *     would be left to generate
     */
    public SwarmWeights without(Set<String> actions) {
        Map<String, Integer> changed = new LinkedHashMap<>(weights);
        for (String action : actions) {
            if (!changed.containsKey(action)) {
                throw new IllegalArgumentException("unknown action=" + action + " known=" + weights.keySet());
            }
            changed.put(action, 0);
        }
        Set<String> off = new TreeSet<>(forcedOff);
        off.addAll(actions);
        if (changed.values().stream().allMatch(weight -> weight == 0)) {
            // The seed enabled only actions now forced off; as in draw, keep the seed useful.
            String fallback = changed.keySet().stream().filter(action -> !off.contains(action)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("without=" + off + " switches off every action"));
            changed.put(fallback, 1);
        }
        return new SwarmWeights(changed, off);
    }

    /** The actions switched off on request by {@link #without}, not by the seed; empty normally. */
    public Set<String> forcedOff() {
        return forcedOff;
    }

    /** Explicit weights (0 = off), for tests and for re-reading a replay header. */
    public static SwarmWeights of(Map<String, Integer> weights) {
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("action=" + entry.getKey() + " weight=" + entry.getValue()
                        + " must be >= 0");
            }
        }
        return new SwarmWeights(weights, Set.of());
    }

    /** Picks one enabled action, each with probability weight / total. */
    public String pick(SplittableRandom random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (ticket < cumulative[i]) {
                return enabled.get(i);
            }
        }
        throw new AssertionError("ticket=" + ticket + " beyond total=" + cumulative[cumulative.length - 1]);
    }

    /** Action name to weight, 0 for switched off, in catalog order. */
    public Map<String, Integer> weights() {
        return weights;
    }

    public int weight(String action) {
        return weights.getOrDefault(action, 0);
    }

    /** {@code action:weight} pairs separated by spaces, catalog order; off actions show weight 0. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(entry.getKey()).append(':').append(entry.getValue());
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SwarmWeights that && weights.equals(that.weights) && forcedOff.equals(that.forcedOff);
    }

    @Override
    public int hashCode() {
        return weights.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
