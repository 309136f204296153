package io.segcheck.impl.alloc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The regions and free slices of one size class.
 *
 * <p>Free slices form lock-free LIFOs (Treiber stacks) of int slice ids, so the most recently
 * freed, cache-warm slice is leased first (FIFO reuse cycled through cold memory and scaled
 * negatively, PERF.md). There is one stack per stripe, and a thread uses the stripe its
 * allocator assigned it (round robin on first use):
 * a thread gets back the slice it released itself, still in its own core's cache. One shared
 * stack made two threads hand every slice, and all of its cache lines, back and forth between
 * cores on each lease. A thread whose stripe is empty takes from the others before mapping.
 *
 * <p>Each head packs a 32-bit ABA tag above {@code id + 1} (0 means empty); every successful CAS
 * bumps the tag, so a pop that read an old head fails instead of linking a slice that was popped
 * and pushed again meanwhile. A slice id is {@code slot << indexBits | sliceIndex}.
 *
 * <p>Region table writes (map, unmap) happen under the allocator's map lock; pops and pushes are
 * lock-free.
 */
final class SizeClassPool {

    private static final long EMPTY = 0L;
    private static final long LOW_MASK = 0xFFFF_FFFFL;
    /**
     * Longs per stripe row: 128 bytes, so two stripes never share a cache line (nor an adjacent
     * pair that the prefetcher pulls together). Row layout: head, leased count, leased peak.
     */
    private static final int ROW = 16;
    private static final int HEAD = 0;
    private static final int LEASED = 1;
    private static final int PEAK = 2;
    private static final int MAX_STRIPES = 64;

    final int classIndex;
    final int sliceBytes;
    final int slicesPerRegion;
    private final int indexBits;
    private final int indexMask;
    /** Regions by slot; null where no region is mapped. */
    private final AtomicReferenceArray<Region> regions;
    private final int stripeMask;
    /**
     * Stripe rows, after one row of padding. The leased count of a stripe is leases minus
     * releases done by threads of that stripe (it goes negative when another stripe's thread
     * releases); the class's count is the sum. The peak is the stripe's highest count so far.
     */
    private final AtomicLongArray rows;
    /** Slices in guard-mode quarantine. */
    final LongAdder quarantined = new LongAdder();
    /** Slices retired after a poison violation; they stay mapped and are never leased again. */
    final LongAdder retired = new LongAdder();
    /** Regions currently mapped; written under the map lock. */
    private volatile int mappedRegions;

    SizeClassPool(int classIndex, long regionBytes, long budgetBytes, int stripeCount) {
        this.classIndex = classIndex;
        this.sliceBytes = SizeClass.sizeBytes(classIndex);
        this.slicesPerRegion = Math.toIntExact(regionBytes / sliceBytes);
        this.indexBits = 32 - Integer.numberOfLeadingZeros(slicesPerRegion - 1);
        this.indexMask = (1 << indexBits) - 1;
        long slotsByBudget = budgetBytes / regionBytes;
        long slotsById = (long) Integer.MAX_VALUE >> indexBits;
        this.regions = new AtomicReferenceArray<>(Math.toIntExact(Math.min(slotsByBudget, slotsById)));
        this.stripeMask = stripeCount - 1;
        this.rows = new AtomicLongArray((stripeCount + 2) * ROW);
    }

    /** Stripes for this machine: twice the processors, a power of two, at most 64. */
    static int stripeCount() {
        int wanted = 2 * Runtime.getRuntime().availableProcessors();
        return Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1);
    }

    private int row(int stripe, int field) {
        return (stripe + 1) * ROW + field;
    }

    int id(int slot, int sliceIndex) {
        return slot << indexBits | sliceIndex;
    }

    int sliceIndex(int id) {
        return id & indexMask;
    }

    Region region(int id) {
        return regions.get(id >>> indexBits);
    }

    int mappedRegions() {
        return mappedRegions;
    }

    /** Slices mapped and not leased, quarantined or retired; exact when no call is in flight. */
    long freeSlices() {
        return (long) mappedRegions * slicesPerRegion - leased() - quarantined.sum() - retired.sum();
    }

    /** Slices of this class leased now: the sum over stripes. */
    long leased() {
        long sum = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            sum += rows.get(row(stripe, LEASED));
        }
        return sum;
    }

    /**
     * Counts a lease on {@code stripe}; true when that stripe's count reached a new peak, the only
     * moment the class-wide leased total can have reached one from this stripe's side.
     */
    boolean countLease(int stripe) {
        long now = rows.getAndIncrement(row(stripe, LEASED)) + 1;
        if (now > rows.getPlain(row(stripe, PEAK))) {
            rows.setOpaque(row(stripe, PEAK), now); // a hint only: a lost race costs one extra check
            return true;
        }
        return false;
    }

    void countRelease(int stripe) {
        rows.getAndDecrement(row(stripe, LEASED));
    }

    /** Pops a free slice id, from {@code stripe} first, else from any other; -1 when all are empty. */
    int pop(int stripe) {
        for (int k = 0; k <= stripeMask; k++) {
            int id = popFrom((stripe + k) & stripeMask);
            if (id >= 0) {
                return id;
            }
        }
        return -1;
    }

    private int popFrom(int stripe) {
        int head = row(stripe, HEAD);
        while (true) {
            long current = rows.get(head); // acquire: the links of the top were written before it was pushed
            int top = (int) (current & LOW_MASK) - 1;
            if (top < 0) {
                return -1;
            }
            Region region = region(top);
            if (region == null) {
                if (rows.get(head) == current) {
                    return -1; // only after close: a racing release pushed a slice of an unmapped region
                }
                continue; // the top's region was unmapped after our read; the head has moved on
            }
            int below = region.nextFree(sliceIndex(top));
            if (rows.compareAndSet(head, current, next(current, below))) {
                return top;
            }
        }
    }

    /**
     * Pushes one free slice of {@code region} on {@code stripe}. Takes the region, not a lookup by
     * id, because a release racing close may push a slice whose region was just removed.
     */
    void push(Region region, int index, int stripe) {
        int id = id(region.slot, index);
        int head = row(stripe, HEAD);
        while (true) {
            long current = rows.get(head);
            region.setNextFree(index, (int) (current & LOW_MASK) - 1); // published by the CAS below (release)
            if (rows.compareAndSet(head, current, next(current, id))) {
                return;
            }
        }
    }

    /** Pushes ids on {@code stripe} so that {@code ids[0]} ends up on top; links them first, then one CAS. */
    void pushAll(int[] ids, int count, int stripe) {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count - 1; i++) {
            region(ids[i]).setNextFree(sliceIndex(ids[i]), ids[i + 1]);
        }
        int last = ids[count - 1];
        Region lastRegion = region(last);
        int head = row(stripe, HEAD);
        while (true) {
            long current = rows.get(head);
            lastRegion.setNextFree(sliceIndex(last), (int) (current & LOW_MASK) - 1);
            if (rows.compareAndSet(head, current, next(current, ids[0]))) {
                return;
            }
        }
    }

    /**
     * Takes every stripe's stack, one whole stack per CAS, and returns the ids. The caller owns
     * them until it pushes them back; meanwhile pops may see empty stacks and take the slow path.
     */
    int[] drain() {
        int[] ids = new int[16];
        int count = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            int head = row(stripe, HEAD);
            long current;
            do {
                current = rows.get(head);
            } while (!rows.compareAndSet(head, current, next(current, -1)));
            for (int id = (int) (current & LOW_MASK) - 1; id >= 0; id = region(id).nextFree(sliceIndex(id))) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = id;
            }
        }
        return Arrays.copyOf(ids, count);
    }

    /** Installs a freshly mapped region and pushes its slices on {@code stripe}, slice 0 on top. Map lock held. */
    void install(Region region, int stripe) {
        regions.set(region.slot, region);
        int[] ids = new int[region.sliceCount];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(region.slot, i);
        }
        mappedRegions++;
        pushAll(ids, ids.length, stripe);
    }

    /** Removes a region whose slices were all drained by the caller. Map lock held. */
    void uninstall(Region region) {
        regions.set(region.slot, null);
        mappedRegions--;
    }

    /** A free slot for a new region, or -1 when the table is full. Map lock held. */
    int freeSlot() {
        for (int slot = 0; slot < regions.length(); slot++) {
            if (regions.get(slot) == null) {
                return slot;
            }
        }
        return -1;
    }

    /** Every mapped region, for close. Map lock held. */
    List<Region> mapped() {
        List<Region> result = new ArrayList<>();
        for (int slot = 0; slot < regions.length(); slot++) {
            Region region = regions.get(slot);
            if (region != null) {
                result.add(region);
            }
        }
        return result;
    }

    private static long next(long current, int newTop) {
        long tag = (current >>> 32) + 1;
        return tag << 32 | ((newTop + 1) & LOW_MASK);
    }
}
