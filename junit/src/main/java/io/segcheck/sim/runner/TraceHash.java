package io.segcheck.sim.runner;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit FNV-1a hash over the trace lines of a run, one line after another.
 *
 * <p>Two runs of one seed must give the same hash; a different hash means something in the run
 * depended on more than the seed (a wall clock, an identity hash, a HashMap's iteration order over
 * objects, a thread schedule). Not cryptographic: it only has to make accidental equality unlikely.
 */
public final class TraceHash {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET_BASIS;
    private int lineCount;

    /** Adds one trace line; the line end is hashed too, so {"ab","c"} and {"a","bc"} differ. */
    public void add(String line) {
        for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
            mix(b);
        }
        mix((byte) '\n');
        lineCount++;
    }

    public long value() {
        return hash;
    }

    public int lineCount() {
        return lineCount;
    }

    /** The hash as 16 hex digits, the form printed and compared. */
    public static String hex(long value) {
        return String.format("%016x", value);
    }

    private void mix(byte b) {
        hash ^= b & 0xff;
        hash *= PRIME;
    }
}
