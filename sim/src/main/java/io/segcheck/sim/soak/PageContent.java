package io.segcheck.sim.soak;

/**
 * The bytes every slot of a soak page must hold, derived from the page key and the slot alone, so
 * any reader can check any page without asking the writer. Pure functions.
 */
final class PageContent {

    /** Slots a writer fills before the first put: 1..{@value} per key. */
    static final int MAX_BASE_SLOTS = 150;
    /** Record payloads are 0..{@value} bytes; 150 of them stay under 256 KiB. */
    static final int MAX_RECORD_BYTES = 1500;
    /** DeweyID payloads are 4..{@value} bytes. */
    static final int MAX_DEWEY_ID_BYTES = 64;

    private PageContent() {
    }

    /** How many slots (0..n-1) the page of {@code key} holds when first put. */
    static int baseSlots(long key) {
        return 1 + (int) Long.remainderUnsigned(mix(key, -1), MAX_BASE_SLOTS);
    }

    static byte[] record(long key, int slot) {
        long mixed = mix(key, slot);
        return fill(mixed, (int) Long.remainderUnsigned(mixed, MAX_RECORD_BYTES + 1));
    }

    static byte[] deweyId(long key, int slot) {
        long mixed = mix(key, slot + 4096L);
        return fill(mixed, 4 + (int) Long.remainderUnsigned(mixed, MAX_DEWEY_ID_BYTES - 3));
    }

    private static byte[] fill(long mixed, int length) {
        byte[] data = new byte[length];
        for (int index = 0; index < length; index++) {
            data[index] = (byte) (mixed >>> ((index & 7) << 3) ^ index);
        }
        return data;
    }

    /** SplitMix64 finaliser over key and slot: cheap and well spread. */
    private static long mix(long key, long slot) {
        long z = key * 0x9E3779B97F4A7C15L + slot * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
