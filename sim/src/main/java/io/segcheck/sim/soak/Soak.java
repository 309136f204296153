package io.segcheck.sim.soak;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SegmentAllocators;

import java.time.Duration;
import java.util.List;

/**
 * One soak run: real threads lease segments of random classes, stamp and verify a pattern, release
 * ({@link AllocatorSoakWorkload}), and write, grow, cache and read pages ({@link PageSoakWorkload});
 * workload {@code all} runs both on one allocator. At the end no segment may be leased, no release
 * may have been rejected, and mapped bytes must have stopped growing after warm-up.
 */
public final class Soak {

    private Soak() {
    }

    /** Runs one soak on a new allocator of {@code settings}; {@code started} is told the settings line first. */
    public static SoakReport run(SoakSettings settings, java.util.function.Consumer<String> started)
            throws InterruptedException {
        SoakSettings resolved = settings.resolved();
        try (OffHeapAllocator allocator = SegmentAllocators.create(resolved.allocatorConfig())) {
            SoakWorkload workload = workload(resolved, allocator);
            started.accept("SEED=" + resolved.seed() + " seconds=" + resolved.seconds() + " threads="
                    + resolved.threads() + " workload=" + workload.name() + " " + workload.settings()
                    + " regionBytes=" + resolved.allocatorConfig().regionBytes() + " guardMode="
                    + resolved.guardMode());
            return SoakChecks.withPoisonViolations(allocator, new SoakRunner(resolved.seed(),
                    Duration.ofSeconds(resolved.seconds()), resolved.threads()).run(workload));
        }
    }

    /** The allocator load, the page/pool/cache load, or both at once on one allocator. */
    private static SoakWorkload workload(SoakSettings settings, OffHeapAllocator allocator) {
        return switch (settings.workload()) {
            case "allocator" -> new AllocatorSoakWorkload(allocator);
            case "page" -> PageSoakWorkload.forBudget(allocator, settings.defects(), settings.budgetBytes());
            default -> new CombinedSoakWorkload(List.of(
                    PageSoakWorkload.forBudget(allocator, settings.defects(), settings.budgetBytes()),
                    new AllocatorSoakWorkload(allocator)));
        };
    }
}
