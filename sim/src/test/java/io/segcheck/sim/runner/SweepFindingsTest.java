package io.segcheck.sim.runner;

import io.segcheck.sim.world.DefectSwitches;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep that keeps going groups its failures by kind and action and shrinks each group once. */
class SweepFindingsTest {

    private static final Switches BOTH_BUGS = DefectSwitches.of(Defects.of(Defect.CLEAR_ZEROES_RETURNED, Defect.EVICTION_SKIPS_RETURN));

    private static Sweep.Findings collect(int maxFindings) {
        return new Sweep(new Runner(ToyWorld.plain())).collect(SeedRange.of(0, 200), 60, BOTH_BUGS, Optional.empty(),
                Checking.LOCKSTEP, maxFindings, (seed, done, total, steps) -> { });
    }

    @Test
    void keepsGoingPastTheFirstFailureAndGroupsByKindAndAction() {
        Sweep.Findings found = collect(10);
        List<String> groups = found.findings().stream().map(finding -> finding.kind() + "@" + finding.action()).toList();
        assertTrue(groups.contains("LOST_DATA@sub"), groups.toString());
        assertTrue(groups.contains("LEAK@quiesce"), groups.toString());
        assertEquals(groups.size(), groups.stream().distinct().count(), "one entry per group: " + groups);
        assertEquals(200, found.seedsRun(), "fewer than 10 kinds exist, so every seed ran");
        for (Sweep.Finding finding : found.findings()) {
            assertTrue(finding.report().shrink().isPresent(), "each finding is shrunk once: " + finding.kind());
            assertEquals(finding.seeds().getFirst(), finding.report().config().seed(), "the first seed is the one shrunk");
        }
        assertTrue(found.findings().stream().anyMatch(finding -> finding.seeds().size() > 1),
                "later seeds of a known finding are counted, not shrunk again");
    }

    @Test
    void stopsAtTheSeedThatBringsTheNthDistinctFinding() {
        Sweep.Findings found = collect(1);
        assertEquals(1, found.findings().size());
        assertEquals(found.findings().getFirst().seeds().getFirst() + 1, found.seedsRun(), "stopped right there");
    }

    @Test
    void maxFindingsBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> collect(0));
    }
}
