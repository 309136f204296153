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
 * @param quarantineSlices how long a quarantine is wanted in guard mode, if the allocator's is settable
 */
public record AllocatorSettings(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices) {

    public AllocatorSettings {
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
    }

    /** 1 GiB budget, 4 MiB regions, guard mode on with a quarantine of 64: roomy settings for contract tests. */
    public static AllocatorSettings roomy() {
        return new AllocatorSettings(1L << 30, 4L << 20, true, 64);
    }

    public AllocatorSettings withBudgetBytes(long newBudgetBytes) {
        return new AllocatorSettings(newBudgetBytes, regionBytes, guardMode, quarantineSlices);
    }

    public AllocatorSettings withRegionBytes(long newRegionBytes) {
        return new AllocatorSettings(budgetBytes, newRegionBytes, guardMode, quarantineSlices);
    }

    public AllocatorSettings withGuardMode(boolean newGuardMode) {
        return new AllocatorSettings(budgetBytes, regionBytes, newGuardMode, quarantineSlices);
    }

    public AllocatorSettings withQuarantineSlices(int newQuarantineSlices) {
        return new AllocatorSettings(budgetBytes, regionBytes, guardMode, newQuarantineSlices);
    }
}
