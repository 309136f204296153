package io.segcheck.model;

import io.segcheck.api.AllocatorDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the real world the model mirrors, and the design of the allocator in it.
 *
 * <p>The model is strict on what {@link #design} declares (reuse of quarantined addresses, the way
 * a bad release is refused, the accounting that decides when exhaustion is legal) and checks the
 * safety properties whatever it declares.
 *
 * @param guardMode whether the allocator hands out per-lease views (access after release throws)
 * @param quarantineSlices how many released slices the FIFO quarantine holds; 0 for none
 * @param budgetBytes the allocator's byte budget
 * @param regionBytes the allocator's region size, for judging an exhaustion legal
 * @param design the declared design of the allocator under check
 */
public record ModelConfig(boolean guardMode, int quarantineSlices, long budgetBytes, long regionBytes,
                          AllocatorDesign design) {

    public ModelConfig {
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
    }

    /**
     * segcheck's own allocator: seven classes, LIFO, zeroed, typed refusals, regions per class
     * under the budget with unmapping, and in guard mode per-lease views and a FIFO quarantine.
     */
    public ModelConfig(boolean guardMode, int quarantineSlices, long budgetBytes, long regionBytes) {
        this(guardMode, guardMode ? quarantineSlices : 0, budgetBytes, regionBytes,
                segcheckDesign(guardMode, quarantineSlices, budgetBytes, regionBytes));
    }

    /** The model of an allocator that declared {@code design}; budget and region come from its accounting. */
    public static ModelConfig of(AllocatorDesign design) {
        long region = design.maxClassBytes();
        long budget = Long.MAX_VALUE;
        switch (design.accounting()) {
            case AllocatorDesign.Accounting.RegionsPerClass regions -> {
                region = regions.regionBytes();
                budget = regions.budgetBytes();
            }
            case AllocatorDesign.Accounting.ByteBudget bytes -> budget = Math.max(region, bytes.budgetBytes());
            case AllocatorDesign.Accounting.None none -> {
            }
        }
        return new ModelConfig(design.guardViews(), design.quarantineSlices(), budget, region, design);
    }

    /** Guard mode with a quarantine of 64 slices, 1 GiB budget, 4 MiB regions (the impl defaults). */
    public static ModelConfig defaults() {
        return new ModelConfig(true, 64, 1L << 30, 4L << 20);
    }

    private static AllocatorDesign segcheckDesign(boolean guardMode, int quarantineSlices, long budgetBytes,
            long regionBytes) {
        List<Integer> classes = new ArrayList<>();
        for (int index = 0; index < SizeClasses.COUNT; index++) {
            classes.add(SizeClasses.classBytes(index));
        }
        return AllocatorDesign.builder(classes)
                .reuseOrder(AllocatorDesign.ReuseOrder.LIFO)
                .zeroed(true)
                .quarantineSlices(guardMode ? quarantineSlices : 0)
                .accounting(new AllocatorDesign.Accounting.RegionsPerClass(regionBytes, budgetBytes))
                .unmapsFreeRegions(true)
                .closedState(true)
                .guardViews(guardMode)
                .build();
    }
}
