package io.segcheck.api;

/**
 * What segcheck asks of an allocator it is about to check: sizes it draws per seed so a sweep
 * covers tight budgets (exhaustion, unmapping) and roomy ones, and whether the debugging aids are
 * wanted. A factory may ignore any of them, as long as the {@link AllocatorDesign} it returns for
 * the same settings says what the allocator really does.
 *
 * @param budgetBytes a byte budget to honour, if the allocator has one
 * @param regionBytes a region size to map memory in, if the allocator maps regions
 * @param guardMode whether per-lease guard views and a quarantine are wanted, if the allocator has them
 */
public record AllocatorSettings(long budgetBytes, long regionBytes, boolean guardMode) {

    public AllocatorSettings {
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
    }

    /** 1 GiB budget, 4 MiB regions, guard mode on: roomy settings for contract tests. */
    public static AllocatorSettings roomy() {
        return new AllocatorSettings(1L << 30, 4L << 20, true);
    }

    public AllocatorSettings withBudgetBytes(long newBudgetBytes) {
        return new AllocatorSettings(newBudgetBytes, regionBytes, guardMode);
    }

    public AllocatorSettings withRegionBytes(long newRegionBytes) {
        return new AllocatorSettings(budgetBytes, newRegionBytes, guardMode);
    }

    public AllocatorSettings withGuardMode(boolean newGuardMode) {
        return new AllocatorSettings(budgetBytes, regionBytes, newGuardMode);
    }
}
