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
 * @param stripeCount free stacks per size class, a power of two from 1 to 64, or
 *     {@link #AUTO_STRIPES} for twice the processors; 1 puts every thread on one stack, which is
 *     what a checker needs to make two threads race on the same stack head
 * @param hugePages ask the kernel to back regions with transparent huge pages (mmap allocator,
 *     regions of a multiple of 2 MiB): one TLB entry per 2 MiB instead of per 4 KiB. Off by
 *     default: on the virtual machines this was measured on, allocate+release moved by less than
 *     the run-to-run noise either way, while resident memory grows in 2 MiB steps and a first
 *     touch may wait for the kernel to compact memory. The memory a region holds and the budget it
 *     counts against are the same either way
 * @param oneThread the allocator is used only by the thread that creates its regions and leases:
 *     regions and guard-mode views get confined arenas instead of shared ones. Closing a shared
 *     arena (every guarded release, every unmap) is a handshake with every thread of the JVM, which
 *     must each stop at a safepoint poll while the closer waits: cheap when the other threads are
 *     idle, tens to hundreds of microseconds when another thread runs Java code, so a process
 *     running several allocators side by side (the simulator's worlds, one per seed and thread)
 *     spends its time waiting. A confined close needs no handshake. What the owning thread sees is
 *     the same (a closed view or region throws {@link IllegalStateException} on access, a close of
 *     an acquired arena throws); another thread's access throws {@link WrongThreadException}. Off by
 *     default: a production allocator is shared between threads
 */
public record AllocatorConfig(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices,
                              int stripeCount, boolean hugePages, boolean oneThread) {

    /** Default byte budget: 1 GiB. */
    public static final long DEFAULT_BUDGET_BYTES = 1L << 30;
    /** Default region size: 4 MiB. */
    public static final long DEFAULT_REGION_BYTES = 4L << 20;
    /** Default quarantine length in slices. */
    public static final int DEFAULT_QUARANTINE_SLICES = 64;
    /** {@link #stripeCount} meaning "twice the processors, at most 64". */
    public static final int AUTO_STRIPES = 0;
    private static final int MAX_STRIPES = 64;

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
        if (stripeCount != AUTO_STRIPES && (stripeCount < 1 || stripeCount > MAX_STRIPES
                || Integer.bitCount(stripeCount) != 1)) {
            throw new IllegalArgumentException("stripeCount=" + stripeCount + " must be " + AUTO_STRIPES
                    + " (auto) or a power of two from 1 to " + MAX_STRIPES);
        }
    }

    /** Settings with automatic stripes, huge pages off and shared arenas, the defaults. */
    public AllocatorConfig(long budgetBytes, long regionBytes, boolean guardMode, int quarantineSlices) {
        this(budgetBytes, regionBytes, guardMode, quarantineSlices, AUTO_STRIPES, false, false);
    }

    /** 1 GiB budget, 4 MiB regions, guard mode off, automatic stripes, huge pages off, shared arenas. */
    public static AllocatorConfig defaults() {
        return new AllocatorConfig(DEFAULT_BUDGET_BYTES, DEFAULT_REGION_BYTES, false, DEFAULT_QUARANTINE_SLICES);
    }

    public AllocatorConfig withBudgetBytes(long newBudgetBytes) {
        return new AllocatorConfig(newBudgetBytes, regionBytes, guardMode, quarantineSlices, stripeCount, hugePages,
                oneThread);
    }

    public AllocatorConfig withRegionBytes(long newRegionBytes) {
        return new AllocatorConfig(budgetBytes, newRegionBytes, guardMode, quarantineSlices, stripeCount, hugePages,
                oneThread);
    }

    public AllocatorConfig withGuardMode(boolean newGuardMode) {
        return new AllocatorConfig(budgetBytes, regionBytes, newGuardMode, quarantineSlices, stripeCount, hugePages,
                oneThread);
    }

    public AllocatorConfig withQuarantineSlices(int newQuarantineSlices) {
        return new AllocatorConfig(budgetBytes, regionBytes, guardMode, newQuarantineSlices, stripeCount, hugePages,
                oneThread);
    }

    public AllocatorConfig withStripeCount(int newStripeCount) {
        return new AllocatorConfig(budgetBytes, regionBytes, guardMode, quarantineSlices, newStripeCount, hugePages,
                oneThread);
    }

    public AllocatorConfig withHugePages(boolean newHugePages) {
        return new AllocatorConfig(budgetBytes, regionBytes, guardMode, quarantineSlices, stripeCount, newHugePages,
                oneThread);
    }

    public AllocatorConfig withOneThread(boolean newOneThread) {
        return new AllocatorConfig(budgetBytes, regionBytes, guardMode, quarantineSlices, stripeCount, hugePages,
                newOneThread);
    }
}
