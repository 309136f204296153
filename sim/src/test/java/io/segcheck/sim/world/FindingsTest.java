package io.segcheck.sim.world;

import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bug, one finding: an accepted bad release explains a counter broken at the same step, not another. */
class FindingsTest {

    @Test
    void anAcceptedReleaseAtTheSameStepTakesOverACounterFinding() {
        Findings findings = new Findings();
        findings.step(4);
        findings.report(ViolationKind.STATS, "stats().leasedBytes=-4096 but the model's leases add up to 0");
        findings.report(ViolationKind.DOUBLE_RELEASE, "release(raw#0) was accepted a second time");
        assertEquals(ViolationKind.DOUBLE_RELEASE, findings.first().kind());
        assertTrue(findings.first().message().contains("the same step also broke a counter: STATS"),
                findings.first().message());
    }

    @Test
    void anythingElseKeepsTheFirstFinding() {
        Findings findings = new Findings();
        findings.step(4);
        findings.report(ViolationKind.ALIAS, "handed out twice");
        findings.report(ViolationKind.DOUBLE_RELEASE, "accepted twice");
        assertEquals(ViolationKind.ALIAS, findings.first().kind());
        Findings counters = new Findings();
        counters.step(4);
        counters.report(ViolationKind.STATS, "a counter");
        counters.report(ViolationKind.UNEXPECTED_ERROR, "a throw");
        assertEquals(ViolationKind.STATS, counters.first().kind());
    }
}
