package io.segcheck.impl.alloc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The regions and free slices of one size class.
 *
 * <p>Free slices form lock-free LIFOs (Treiber stacks) of int slice ids, so the most recently
 * freed, cache-warm slice is leased first (FIFO reuse cycled through cold memory and scaled
 * negatively, PERF.md). There is one stack per stripe; a thread pops from its stripe (the low
 * bits of its thread id) and a release pushes the slice back on the
 * stripe of the thread that leased it (its home stripe, kept in the slice's link entry), so a
 * thread gets back the slices it leased, still in its own core's cache, and a release needs no
 * thread-local lookup. One shared stack made two threads hand every slice, and all of its cache
 * lines, back and forth between cores on each lease. A thread whose stripe is empty takes from
 * the others before mapping.
 *
 * <p>Each head packs a 32-bit ABA tag above {@code id + 1} (0 means empty); every successful CAS
 * bumps the tag, so a pop that read an old head fails instead of linking a slice that was popped
 * and pushed again meanwhile. A slice id is {@code slot << indexBits | sliceIndex}.
 *
 * <p>Counting without counters: a push writes, next to the link, the depth of the stack with the
 * pushed slice on top. A stack's depth is then the depth entry of its top slice, which never
 * changes while that slice stays on the stack, so the free count of a class is the sum of its
 * stripes' top depths and the leased count is derived from it ({@link #leased(long)}). Lease and
 * release do no atomic operation beyond the two stack CASes and the lease CAS; counters updated
 * on every lease and release cost two more locked operations per pair.
 *
 * <p>Region table writes (map, unmap) happen under the allocator's map lock; pops and pushes are
 * lock-free.
 */
final class SizeClassPool {

    private static final long LOW_MASK = 0xFFFF_FFFFL;
    /** Set in what {@link #pop} returns when the caller should check the high-water mark. */
    static final long CHECK_HIGH_WATER = 1L << 32;
    /**
     * Longs per stripe row: 128 bytes, so two stripes never share a cache line (nor an adjacent
     * pair that the prefetcher pulls together). Row layout: head, low mark.
     */
    private static final int ROW = 16;
    private static final int HEAD = 0;
    private static final int LOW_MARK = 1;
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
     * Stripe rows, after one row of padding. The low mark of a stripe is the stack depth it had
     * when its thread last checked the high-water mark (or the lowest since); a pop that takes the
     * stack below it asks for a check ({@link #CHECK_HIGH_WATER}).
     */
    private final AtomicLongArray rows;
    /** Slices in guard-mode quarantine. */
    final LongAdder quarantined = new LongAdder();
    /** Slices retired after a poison violation; they stay mapped and are never leased again. */
    final LongAdder retired = new LongAdder();
    /** Regions currently mapped; written under the map lock. */
    private volatile int mappedRegions;
    /**
     * Slices the slow path holds off every stack (drained by {@link #drain}, not yet pushed back or
     * uninstalled); written under the map lock. They are free, not leased: without this count a
     * look at the counters while unmap had drained the stacks saw every free slice of the class
     * leased, and the high-water mark it fed stayed above the true peak for good.
     */
    private final AtomicLong parkedSlices = new AtomicLong();

    /** False only with the FREE_STACK_WITHOUT_ABA_TAG defect on. */
    private final boolean abaTagged;
    /** False only with the HIGH_WATER_COUNTS_DRAINED defect on. */
    private final boolean countsParked;

    SizeClassPool(int classIndex, long regionBytes, long budgetBytes, int stripeCount, boolean abaTagged,
                  boolean countsParked) {
        this.abaTagged = abaTagged;
        this.countsParked = countsParked;
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

    /** Slices on the free stacks: the sum of the stripes' depths; exact when no call is in flight. */
    long freeSlices() {
        long sum = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            sum += depth(stripe);
        }
        return sum;
    }

    /**
     * Slices of this class leased now: mapped slices that are not free, parked by the slow path,
     * quarantined or retired. Exact when no call is in flight; a slice between a stack and its lease
     * counts as leased.
     *
     * <p>Never above the slices truly leased at some instant of the look, whatever the slow path
     * does meanwhile, which is what a high-water mark fed by it needs. The fields are read one after
     * another, and every slow-path move writes its two fields in an order that a reader bracketed
     * by two reads of the stacks cannot see as more leased: drain parks before it empties a stack
     * (read the stacks before the parked count), a push back or an install fills a stack before it
     * unparks or counts the region (read the stacks again after those), an uninstall uncounts the
     * region before it unparks (read the parked count before the regions), a quarantine exit
     * pushes before it uncounts (read quarantine before the second look at the stacks). Of the two
     * looks at the stacks the larger is used; a lease or release between them only makes the answer
     * smaller. What remains: concurrent fast-path pops and pushes on stripes read at different
     * instants, at most one slice per call in flight.
     */
    long leased() {
        long freeBefore = freeSlices();
        long parked = countsParked ? parkedSlices.get() : 0;
        // DEFECT(HIGH_WATER_COUNTS_DRAINED): when off, slices drained by unmap count as leased.
        long mapped = (long) mappedRegions * slicesPerRegion;
        long held = quarantined.sum() + retired.sum();
        long freeAfter = freeSlices();
        return mapped - Math.max(freeBefore, freeAfter) - parked - held;
    }

    /** Slices drained by the slow path and not yet back on a stack or uninstalled. */
    long parkedSlices() {
        return countsParked ? parkedSlices.get() : 0;
    }

    /** The slow path gives back {@code count} parked slices: pushed back, or their region uninstalled. Map lock held. */
    void unpark(int count) {
        parkedSlices.addAndGet(-count);
    }

    /** Depth of one stripe's stack: the depth its top slice recorded when it was pushed. */
    private int depth(int stripe) {
        return depthOfTop(rows.get(row(stripe, HEAD))); // acquire: the top's depth was written before it was pushed
    }

    private int depthOfTop(long head) {
        int top = (int) (head & LOW_MASK) - 1;
        if (top < 0) {
            return 0;
        }
        Region region = region(top);
        return region == null ? 0 : region.depth(sliceIndex(top)); // null: unmapped by a racing close
    }

    /**
     * Pops a free slice id, from {@code stripe} first, else from any other; -1 when all are empty.
     * The id is in the low 32 bits; {@link #CHECK_HIGH_WATER} is set when the pop took this
     * stripe's stack below its low mark, or took from another stripe.
     */
    long pop(int stripe) {
        long popped = popFrom(stripe);
        if (popped >= 0) {
            return popped;
        }
        for (int k = 1; k <= stripeMask; k++) {
            popped = popFrom((stripe + k) & stripeMask);
            if (popped >= 0) {
                return CHECK_HIGH_WATER | popped;
            }
        }
        return -1;
    }

    private long popFrom(int stripe) {
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
            int index = sliceIndex(top);
            int below = region.nextFree(index);
            int depthAfter = region.depth(index) - 1;
            if (rows.compareAndSet(head, current, next(current, below))) {
                // A plain read: the mark is a hint, and a stale one costs one extra check or, when
                // threads share a stripe, a missed one (the high-water mark is a lower bound then).
                return depthAfter < rows.getPlain(row(stripe, LOW_MARK)) ? CHECK_HIGH_WATER | top : top;
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
            // Published by the CAS below (release); a racing pop of the old top fails on the tag.
            region.link(index, (int) (current & LOW_MASK) - 1, depthOfTop(current) + 1);
            if (rows.compareAndSet(head, current, next(current, id))) {
                return;
            }
        }
    }

    /** Pushes a released slice on the stripe of the thread that leased it. */
    void pushHome(Region region, int index) {
        push(region, index, region.homeStripe(index) & stripeMask);
    }

    /**
     * Pushes ids on {@code stripe} so that {@code ids[0]} ends up on top with one CAS. The links
     * and depths are written again on a retry, since the depths depend on the stack below. Slow
     * path only (map, unmap), under the map lock.
     */
    void pushAll(int[] ids, int count, int stripe) {
        if (count == 0) {
            return;
        }
        int head = row(stripe, HEAD);
        while (true) {
            long current = rows.get(head);
            int depthBelow = depthOfTop(current);
            int below = (int) (current & LOW_MASK) - 1;
            for (int i = count - 1; i >= 0; i--) {
                region(ids[i]).link(sliceIndex(ids[i]), below, depthBelow + count - i);
                below = ids[i];
            }
            if (rows.compareAndSet(head, current, next(current, ids[0]))) {
                return;
            }
        }
    }

    /**
     * Sets the stripe's low mark to its stack's depth now; the next pop below it asks for a
     * high-water check. Called by the stripe's thread right after a check.
     */
    void resetLowMark(int stripe) {
        rows.setOpaque(row(stripe, LOW_MARK), depth(stripe)); // a hint read plainly by pops; see popFrom
    }

    /**
     * The ids on every stripe's stack now, without taking them: a look that may be stale as soon
     * as it returns. Only the UNMAP_COUNTS_BEFORE_DRAIN defect counts on it.
     */
    int[] peek() {
        int[] ids = new int[16];
        int count = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            for (int id = (int) (rows.get(row(stripe, HEAD)) & LOW_MASK) - 1; id >= 0 && count < 1 << 20;
                 id = region(id).nextFree(sliceIndex(id))) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = id;
            }
        }
        return Arrays.copyOf(ids, count);
    }

    /**
     * Takes every stripe's stack, one whole stack per CAS, and returns the ids, parked
     * ({@link #parkedSlices()}) until the caller pushes them back ({@link #pushAll} then
     * {@link #unpark}) or uninstalls their region; meanwhile pops may see empty stacks and take
     * the slow path. Map lock held.
     */
    int[] drain() {
        int[] ids = new int[16];
        int count = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            int head = row(stripe, HEAD);
            long current;
            while (true) {
                current = rows.get(head);
                int depth = depthOfTop(current);
                parkedSlices.addAndGet(depth); // before the stack empties: a look in between sees them twice, never not at all
                if (rows.compareAndSet(head, current, next(current, -1))) {
                    break;
                }
                parkedSlices.addAndGet(-depth);
            }
            for (int id = (int) (current & LOW_MASK) - 1; id >= 0; id = region(id).nextFree(sliceIndex(id))) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = id;
            }
        }
        return Arrays.copyOf(ids, count);
    }

    /**
     * Installs a freshly mapped region and pushes its slices on {@code stripe}, slice 0 on top,
     * then in {@link #spreadStride} steps. Map lock held.
     *
     * <p>Why not in address order: threads that start together take consecutive slices off a
     * fresh region, and two threads zeroing adjacent slices slowed each other down (2 threads at
     * 64 KiB: 850-930 ns a lease+release in some runs instead of 650-700; the hardware prefetcher
     * of one core running past the end of its slice into the neighbour's, is the likely cause).
     * With the stride the first slices handed out lie far apart.
     */
    void install(Region region, int stripe) {
        int count = region.sliceCount;
        int stride = spreadStride(count);
        int[] ids = new int[count]; // before any change: the one step here that can fail
        for (int k = 0; k < count; k++) {
            ids[k] = id(region.slot, (int) ((long) k * stride % count));
        }
        regions.set(region.slot, region);
        pushAll(ids, count, stripe);
        mappedRegions++; // after the push: counted mapped before its slices are free, they would look leased
    }

    /**
     * A step coprime to {@code count} near {@code count / phi}, so that {@code k * step mod count}
     * visits every slice once and the first few visits are spread over the whole region.
     */
    static int spreadStride(int count) {
        int stride = Math.max(1, (int) Math.round(count * 0.618));
        while (gcd(stride, count) != 1) {
            stride++;
        }
        return stride;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
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

    private long next(long current, int newTop) {
        // DEFECT(FREE_STACK_WITHOUT_ABA_TAG): when off, the tag never changes and the CAS compares the top id only.
        long tag = abaTagged ? (current >>> 32) + 1 : current >>> 32;
        return tag << 32 | ((newTop + 1) & LOW_MASK);
    }
}
