package io.segcheck.model;

/**
 * The settings of the real world the model mirrors.
 *
 * @param guardMode whether released slices go through a FIFO quarantine before reuse
 * @param quarantineSlices how many released slices the quarantine holds (guard mode only)
 * @param budgetBytes the allocator's byte budget
 * @param regionBytes the allocator's region size, for judging an exhaustion legal
 */
public record ModelConfig(boolean guardMode, int quarantineSlices, long budgetBytes, long regionBytes) {

    public ModelConfig {
        if (quarantineSlices < 0) {
            throw new IllegalArgumentException("quarantineSlices=" + quarantineSlices + " must be >= 0");
        }
        if (regionBytes <= 0 || budgetBytes < regionBytes) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " regionBytes=" + regionBytes
                    + ": need 0 < regionBytes <= budgetBytes");
        }
    }

    /** Guard mode with a quarantine of 64 slices, 1 GiB budget, 4 MiB regions (the impl defaults). */
    public static ModelConfig defaults() {
        return new ModelConfig(true, 64, 1L << 30, 4L << 20);
    }
}
