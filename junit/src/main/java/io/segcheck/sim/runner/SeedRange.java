package io.segcheck.sim.runner;

import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The seeds of a sweep: {@code first} up to but excluding {@code end}, and of those only the ones
 * in shard {@code shardIndex} of {@code shardCount} ({@code floorMod(seed, shardCount) == shardIndex}),
 * so n machines with shards 0/n .. n-1/n cover the range exactly once, and a seed's shard does not
 * depend on where the range starts.
 */
public record SeedRange(long first, long end, int shardIndex, int shardCount) {

    public SeedRange {
        if (end < first) {
            throw new IllegalArgumentException("seeds=" + first + ".." + end + ": end must be >= first");
        }
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard=" + shardIndex + "/" + shardCount
                    + ": need 0 <= index < count and count >= 1");
        }
    }

    /** All seeds {@code first..end-1}, one shard. */
    public static SeedRange of(long first, long end) {
        return new SeedRange(first, end, 0, 1);
    }

    public boolean contains(long seed) {
        return seed >= first && seed < end && Math.floorMod(seed, shardCount) == shardIndex;
    }

    /** How many seeds this range and shard hold. */
    public long size() {
        long count = 0;
        long start = firstInShard();
        if (start < end) {
            count = (end - 1 - start) / shardCount + 1;
        }
        return count;
    }

    /** The seeds in order. */
    public PrimitiveIterator.OfLong iterator() {
        return new PrimitiveIterator.OfLong() {
            private long next = firstInShard();

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException("seeds=" + SeedRange.this + " exhausted");
                }
                long seed = next;
                next += shardCount;
                return seed;
            }
        };
    }

    private long firstInShard() {
        long offset = Math.floorMod(shardIndex - Math.floorMod(first, shardCount), shardCount);
        return first + offset;
    }

    @Override
    public String toString() {
        return first + ".." + end + (shardCount > 1 ? " shard " + shardIndex + "/" + shardCount : "");
    }
}
