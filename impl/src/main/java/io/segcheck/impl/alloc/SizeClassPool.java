package io.segcheck.impl.alloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The regions and free slices of one size class.
 *
 * <p>Free slices form a lock-free LIFO (a Treiber stack) of int slice ids, so the most recently
 * freed, cache-warm slice is leased first (FIFO reuse cycled through cold memory and scaled
 * negatively, PERF.md). The head packs a 32-bit ABA tag above {@code id + 1} (0 means empty);
 * every successful CAS bumps the tag, so a pop that read an old head fails instead of linking a
 * slice that was popped and pushed again meanwhile. A slice id is {@code slot << indexBits |
 * sliceIndex}.
 *
 * <p>Region table writes (map, unmap) happen under the allocator's map lock; pops and pushes are
 * lock-free.
 */
final class SizeClassPool {

    private static final long EMPTY = 0L;
    private static final VarHandle HEAD;
    private static final VarHandle LEASED_COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(SizeClassPool.class, "head", long.class);
            LEASED_COUNT = lookup.findVarHandle(SizeClassPool.class, "leasedCount", long.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }
    private static final long LOW_MASK = 0xFFFF_FFFFL;

    final int classIndex;
    final int sliceBytes;
    final int slicesPerRegion;
    private final int indexBits;
    private final int indexMask;
    /** Regions by slot; null where no region is mapped. */
    private final AtomicReferenceArray<Region> regions;
    /**
     * Tag (high 32 bits) and top id + 1 (low 32 bits). A field with a VarHandle, next to
     * {@link #leasedCount}: both are written by every lease and release, and sharing one object
     * keeps them on one cache line.
     */
    private volatile long head = EMPTY;
    /** Slices currently leased: one atomic add per lease and per release. */
    private volatile long leasedCount;
    /** Slices in guard-mode quarantine. */
    final LongAdder quarantined = new LongAdder();
    /** Slices retired after a poison violation; they stay mapped and are never leased again. */
    final LongAdder retired = new LongAdder();
    /** Regions currently mapped; written under the map lock. */
    private volatile int mappedRegions;

    SizeClassPool(int classIndex, long regionBytes, long budgetBytes) {
        this.classIndex = classIndex;
        this.sliceBytes = SizeClass.sizeBytes(classIndex);
        this.slicesPerRegion = Math.toIntExact(regionBytes / sliceBytes);
        this.indexBits = 32 - Integer.numberOfLeadingZeros(slicesPerRegion - 1);
        this.indexMask = (1 << indexBits) - 1;
        long slotsByBudget = budgetBytes / regionBytes;
        long slotsById = (long) Integer.MAX_VALUE >> indexBits;
        this.regions = new AtomicReferenceArray<>(Math.toIntExact(Math.min(slotsByBudget, slotsById)));
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

    long leased() {
        return (long) LEASED_COUNT.getVolatile(this);
    }

    /** Counts a lease; returns the class's leased count after it. */
    long countLease() {
        return (long) LEASED_COUNT.getAndAdd(this, 1L) + 1;
    }

    void countRelease() {
        LEASED_COUNT.getAndAdd(this, -1L);
    }

    /** Pops the most recently pushed free slice id, or -1 when the stack is empty. */
    int pop() {
        while (true) {
            long current = (long) HEAD.getVolatile(this); // acquire: the links of the top were written before it was pushed
            int top = (int) (current & LOW_MASK) - 1;
            if (top < 0) {
                return -1;
            }
            Region region = region(top);
            if (region == null) {
                if ((long) HEAD.getVolatile(this) == current) {
                    return -1; // only after close: a racing release pushed a slice of an unmapped region
                }
                continue; // the top's region was unmapped after our read; the head has moved on
            }
            int below = region.nextFree[sliceIndex(top)];
            if (HEAD.compareAndSet(this, current, next(current, below))) {
                return top;
            }
        }
    }

    /**
     * Pushes one free slice of {@code region}. Takes the region, not a lookup by id, because a
     * release racing close may push a slice whose region was just removed from the table.
     */
    void push(Region region, int index) {
        int[] links = region.nextFree;
        int id = id(region.slot, index);
        while (true) {
            long current = (long) HEAD.getVolatile(this);
            links[index] = (int) (current & LOW_MASK) - 1; // published by the CAS below (release)
            if (HEAD.compareAndSet(this, current, next(current, id))) {
                return;
            }
        }
    }

    /** Pushes ids so that {@code ids[0]} ends up on top; links them first, then one CAS. */
    void pushAll(int[] ids, int count) {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count - 1; i++) {
            region(ids[i]).nextFree[sliceIndex(ids[i])] = ids[i + 1];
        }
        int last = ids[count - 1];
        int[] lastLinks = region(last).nextFree;
        while (true) {
            long current = (long) HEAD.getVolatile(this);
            lastLinks[sliceIndex(last)] = (int) (current & LOW_MASK) - 1;
            if (HEAD.compareAndSet(this, current, next(current, ids[0]))) {
                return;
            }
        }
    }

    /**
     * Takes the whole free stack at once and returns its ids, top first. The caller owns them
     * until it pushes them back; meanwhile pops see an empty stack and take the slow path.
     */
    int[] drain() {
        long current;
        do {
            current = (long) HEAD.getVolatile(this);
        } while (!HEAD.compareAndSet(this, current, next(current, -1)));
        int[] ids = new int[16];
        int count = 0;
        for (int id = (int) (current & LOW_MASK) - 1; id >= 0; id = region(id).nextFree[sliceIndex(id)]) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
        }
        return Arrays.copyOf(ids, count);
    }

    /** Installs a freshly mapped region and pushes all of its slices, slice 0 on top. Map lock held. */
    void install(Region region) {
        regions.set(region.slot, region);
        int[] ids = new int[region.sliceCount];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(region.slot, i);
        }
        mappedRegions++;
        pushAll(ids, ids.length);
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
