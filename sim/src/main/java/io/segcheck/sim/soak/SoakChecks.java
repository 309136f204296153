package io.segcheck.sim.soak;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.PoisonReporting;
import io.segcheck.impl.alloc.PoisonViolationException;

import java.util.ArrayList;
import java.util.List;

/** Checks of the allocator after a soak that no worker can make while it runs. */
final class SoakChecks {

    private SoakChecks() {
    }

    /**
     * {@code report} plus one WRITE_AFTER_RELEASE violation per poison violation the allocator found
     * when a slice left quarantine (guard mode reports them, it does not throw them at the innocent
     * releaser).
     */
    static SoakReport withPoisonViolations(OffHeapAllocator allocator, SoakReport report) {
        if (!(allocator instanceof PoisonReporting reporting) || reporting.poisonViolations().isEmpty()) {
            return report;
        }
        List<String> violations = new ArrayList<>(report.violations());
        for (PoisonViolationException poisoned : reporting.poisonViolations()) {
            violations.add("WRITE_AFTER_RELEASE: " + poisoned.getMessage());
        }
        return new SoakReport(report.operations(), report.elapsedNanos(), report.figures(), violations);
    }
}
