package io.segcheck.impl.alloc;

/**
 * Settings of an allocator. Immutable; change one field with a wither.
 *
 * @param budgetBytes most bytes the allocator may have mapped at once
 * @param regionBytes bytes per mapped region (each region holds slices of one class); at least
 *     256 KiB and a multiple of it, so a region holds a whole number of slices of every class
 * @param guardMode per-lease scopes closed on release, FIFO quarantine and poison checks; for
 *     tests and simulation, off by default because it costs on the fast path
 * @param quarantineSlices how many released slices wait in quarantine (guard mode only)
 */
public record AllocatorConfig(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices) {

    /** Default byte budget: 1 GiB. */
    public static final long DEFAULT_BUDGET_BYTES = 1L << 30;
    /** Default region size: 4 MiB. */
    public static final long DEFAULT_REGION_BYTES = 4L << 20;
    /** Default quarantine length in slices. */
    public static final int DEFAULT_QUARANTINE_SLICES = 64;

    public AllocatorConfig {
        if (regionBytes < SizeClass.MAX_BYTES || regionBytes % SizeClass.MAX_BYTES != 0) {
            throw new IllegalArgumentException("regionBytes=" + regionBytes
                    + " must be a positive multiple of maxClassBytes=" + SizeClass.MAX_BYTES);
        }
        if (budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes
                    + " must be at least regionBytes=" + regionBytes);
        }
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
    }

    /** 1 GiB budget, 4 MiB regions, guard mode off. */
    public static AllocatorConfig defaults() {
        return new AllocatorConfig(DEFAULT_BUDGET_BYTES, DEFAULT_REGION_BYTES, false, DEFAULT_QUARANTINE_SLICES);
    }

    public AllocatorConfig withBudgetBytes(long newBudgetBytes) {
        return new AllocatorConfig(newBudgetBytes, regionBytes, guardMode, quarantineSlices);
    }

    public AllocatorConfig withRegionBytes(long newRegionBytes) {
        return new AllocatorConfig(budgetBytes, newRegionBytes, guardMode, quarantineSlices);
    }

    public AllocatorConfig withGuardMode(boolean newGuardMode) {
        return new AllocatorConfig(budgetBytes, regionBytes, newGuardMode, quarantineSlices);
    }

    public AllocatorConfig withQuarantineSlices(int newQuarantineSlices) {
        return new AllocatorConfig(budgetBytes, regionBytes, guardMode, newQuarantineSlices);
    }
}
