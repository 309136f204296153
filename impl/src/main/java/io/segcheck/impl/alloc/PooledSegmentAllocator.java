package io.segcheck.impl.alloc;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.api.RegionLayout;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import io.segcheck.model.fault.InjectedFault;
import io.segcheck.impl.defect.Mark;
import io.segcheck.impl.defect.Marks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The allocator both implementations share; subclasses only say how a region is mapped and
 * unmapped ({@link #mapRegion}, {@link #unmapRegion}).
 *
 * <h2>1. Where a slice is</h2>
 * Each size class has a {@link SizeClassPool} of regions; every slice of a region is in exactly
 * one place: the class's free stack, leased, in quarantine (guard mode), retired (poison
 * violation, or a released view another thread still held when the slice left quarantine), or
 * in a thread's hands between two of those. Its lease state is one entry of
 * {@link Region#lease}: the exact {@link MemorySegment} instance handed out, or null.
 *
 * <h2>2. Fast path (lock-free, three atomic operations per lease and release)</h2>
 * {@code allocate}: pop a slice id from the LIFO stack of the class and the thread's stripe
 * ({@link SizeClassPool}; one CAS), make a fresh slice instance, store it as the lease, zero the
 * slice. {@code release}: find the region by address ({@link RegionIndex}, O(log regions)), then
 * {@code compareAndSet(instance, null)} on the lease; only the exact current instance wins, so a
 * second release, a stale instance of an earlier lease (ABA) and any alias fail without changing
 * anything. Then push the id back on the stripe of the thread that leased it (one CAS). Nothing
 * else on the path writes memory that another thread writes: the leased and free counts are
 * derived from the stacks' depths when {@link #stats()} asks ({@link SizeClassPool}), and the
 * high-water mark is computed only when a stripe's stack goes below the depth it had at its last
 * check ({@link #recordHighWater}).
 *
 * <h2>3. Slow path (map lock)</h2>
 * Mapping a region, unmapping fully free regions under budget pressure, close, and all of guard
 * mode run under one lock. A region is unmapped only after draining its class's free stack and
 * counting all of its slices in it: a slice that is leased, quarantined or in flight is not in
 * the stack, so a region with a leased slice is never unmapped.
 *
 * <h2>4. Close</h2>
 * Every region's memory belongs to a shared arena (confined with {@link AllocatorConfig#oneThread})
 * that is closed before the memory is released, so a segment used after close throws
 * {@link IllegalStateException} instead of touching unmapped memory. Guard-mode views have their
 * own arenas; close closes those first.
 */
abstract sealed class PooledSegmentAllocator implements OffHeapAllocator, PoisonReporting, RegionLayout
        permits ArenaSegmentAllocator, MmapSegmentAllocator {

    /** Regions are page aligned so slices are too. */
    static final long REGION_ALIGNMENT_BYTES = 4096;

    private final AllocatorConfig config;
    private final Defects defects;
    private final SizeClassPool[] pools;
    private final RegionIndex index = new RegionIndex();
    private final ReentrantLock mapLock = new ReentrantLock();
    /** Written under the map lock, read by stats. */
    private final AtomicLong mappedBytes = new AtomicLong();
    private final AtomicLong highWaterBytes = new AtomicLong();
    /** Memory whose munmap failed: unmapped again by the next close(). Map lock. */
    private final List<MemorySegment> unmapFailed = new ArrayList<>();
    /** Guard mode only; null on the default path. */
    private final Quarantine quarantine;
    private final AtomicLong leaseNumbers = new AtomicLong();
    /** Bounded so a run that corrupts many slices keeps the first reports without growing. */
    private static final int KEPT_POISON_VIOLATIONS = 64;
    private final List<PoisonViolationException> poisonViolations = new ArrayList<>();
    private volatile boolean closed;
    /** Set by an exhaustion, cleared by the next map (which is the recovery); map lock held. */
    private boolean exhaustedSinceLastMap;
    /** Where the rare paths are counted: the recorder the defects carry (none in production). */
    private final Marks marks;
    /** Stripes per class, a power of two: {@link #stripe()} masks with it. */
    private final int stripeMask;
    /** The world's fault hook; {@link Faults#none()} outside simulation. */
    private final Faults faults;

    PooledSegmentAllocator(AllocatorConfig config, Defects defects, Faults faults) {
        this.config = Objects.requireNonNull(config, "config");
        this.defects = Objects.requireNonNull(defects, "defects");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.marks = defects.marks();
        this.pools = new SizeClassPool[SizeClass.COUNT];
        int stripeCount = config.stripeCount() == AllocatorConfig.AUTO_STRIPES ? SizeClassPool.stripeCount()
                : config.stripeCount();
        boolean abaTagged = !defects.isEnabled(Defect.FREE_STACK_WITHOUT_ABA_TAG);
        for (int classIndex = 0; classIndex < SizeClass.COUNT; classIndex++) {
            pools[classIndex] = new SizeClassPool(classIndex, config.regionBytes(), config.budgetBytes(), stripeCount,
                    abaTagged, !defects.isEnabled(Defect.HIGH_WATER_COUNTS_DRAINED));
        }
        this.stripeMask = stripeCount - 1;
        this.quarantine = config.guardMode() ? new Quarantine(config.quarantineSlices()) : null;
    }

    /** The fault hook the sites of this allocator ask. */
    final Faults faults() {
        return faults;
    }

    /** Maps {@code bytes} of zero-filled memory, page aligned, owned by {@code arena}. */
    abstract MemorySegment mapRegion(Arena arena, long bytes);

    /** Gives back memory from {@link #mapRegion}; its arena is already closed. */
    abstract void unmapRegion(MemorySegment memory);

    /** The settings this allocator was built with. */
    public AllocatorConfig config() {
        return config;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        checkOpen(); // before the size: a closed allocator says so whatever it is asked
        SizeClassPool pool = pools[SizeClass.indexFor(bytes)];
        int stripe = stripe();
        long popped = pool.pop(stripe);
        if (popped < 0) {
            popped = popOrMap(pool, stripe);
        }
        int id = (int) popped;
        Region region = pool.region(id);
        if (region == null) {
            // Only close removes a region with a slice in flight; closed is set before that.
            throw new IllegalStateException("allocator is closed");
        }
        int sliceIndex = pool.sliceIndex(id);
        MemorySegment slice = region.slice(sliceIndex);
        region.setHomeStripe(sliceIndex, stripe);
        MemorySegment lease = slice;
        if (quarantine == null) {
            // Before the zeroing: the GC's write barrier for this store may fence, and a fence
            // right after the zeroing would wait for all of its stores to reach the cache.
            region.publishLease(sliceIndex, slice);
            Zeroing.zero(slice);
        } else {
            Zeroing.zero(slice);
            lease = guardLease(region, sliceIndex, slice);
        }
        // A slice leaving quarantine goes back on a stack without a lease ending, so the low marks
        // say nothing in guard mode; there every lease checks, at the cost of one scan per class.
        if (quarantine != null || (popped & SizeClassPool.CHECK_HIGH_WATER) != 0) {
            recordHighWater(stripe);
        }
        AllocatorEvents.allocated(pool.sliceBytes, slice.address());
        return lease;
    }

    @Override
    public void release(MemorySegment segment) {
        Objects.requireNonNull(segment, "segment");
        checkOpen();
        Region region = validatedRegion(segment);
        int sliceIndex = (int) ((segment.address() - region.baseAddress) >>> region.sliceShift);
        if (quarantine != null) {
            releaseGuarded(region, sliceIndex, segment);
            return;
        }
        // Found, then ended: the region may be unmapped in between only when none of its slices is
        // leased, and then this CAS on the exact lease instance fails and the release is refused.
        if (!region.endLease(sliceIndex, segment)) {
            throw rejectLeaseMismatch(region, sliceIndex, segment);
        }
        SizeClassPool pool = pools[region.classIndex];
        pool.pushHome(region, sliceIndex);
        AllocatorEvents.released(pool.sliceBytes, segment.address());
    }

    /**
     * Exact when no call is in flight (one thread, or all threads between calls). Under concurrency
     * the counters are read one after another while slices move, so the fields may come from
     * different instants; what still holds, by clamping: per class, the leased, free and quarantined
     * counts are each at least 0 and together at most the mapped slices; the totals are the sums of
     * the classes; the leased count is never above what was truly leased at some instant of the
     * look while only the slow path (map, unmap, quarantine) moves slices ({@link SizeClassPool#leased}).
     *
     * <p>Reads only: the high-water mark reported is the one the lease side recorded, or the bytes
     * this snapshot counts leased when more, and neither is written back. (The look used to raise
     * the mark, so a high-water check the lease side missed was repaired by the very look meant to
     * catch it, and a look during an unmap made the mark overstate the peak for good.) A missed
     * check therefore shows at the first look after the leased bytes fall again. Under concurrency
     * the recorded mark is a lower bound of the true peak, so two snapshots may report a falling mark.
     */
    @Override
    public AllocatorStats stats() {
        checkOpen();
        List<AllocatorStats.ClassStats> classes = new ArrayList<>(SizeClass.COUNT);
        long leasedSegments = 0;
        long leasedTotalBytes = 0;
        for (SizeClassPool pool : pools) {
            long leasedNow = pool.leased();
            int regions = pool.mappedRegions();
            long mappedSlices = (long) regions * pool.slicesPerRegion;
            long free = Math.min(pool.freeSlices() + pool.parkedSlices(), mappedSlices);
            long quarantined = Math.min(pool.quarantined.sum(), mappedSlices - free);
            long leased = Math.max(0, Math.min(leasedNow, mappedSlices - free - quarantined));
            leasedSegments += leased;
            leasedTotalBytes += leased * pool.sliceBytes;
            classes.add(new AllocatorStats.ClassStats(pool.sliceBytes, leased, free, quarantined, regions));
        }
        return new AllocatorStats(mappedBytes.get(), config.budgetBytes(), leasedSegments, leasedTotalBytes,
                Math.max(highWaterBytes.get(), leasedTotalBytes), classes);
    }

    /**
     * Closes every guard view and region arena and unmaps every region. A region whose arena (or
     * one of whose views) will not close stays mapped and installed, and the others are still
     * closed; the first failure is thrown with the rest suppressed, and the next {@code close()}
     * retries what is left. (Setting {@code closed} and stopping at the first failure left that
     * region and every later one mapped for ever: found by the simulator's ARENA_CLOSE site.)
     */
    @Override
    public void close() {
        mapLock.lock();
        try {
            closed = true;
            RuntimeException failure = retryFailedUnmaps();
            for (SizeClassPool pool : pools) {
                for (Region region : List.copyOf(pool.mapped())) {
                    try {
                        closeGuardViews(region);
                        unmap(pool, region);
                    } catch (RuntimeException regionFailure) {
                        if (failure == null) {
                            failure = regionFailure;
                        } else {
                            failure.addSuppressed(regionFailure);
                        }
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            mapLock.unlock();
        }
    }

    /**
     * Bytes mapped now; unlike {@link #stats()} also answers after {@link #close()}, where it must
     * be 0 once close has given every region back.
     */
    public long mappedBytes() {
        return mappedBytes.get();
    }

    /**
     * Writes after release that guard mode found when a slice left quarantine, oldest first (at most
     * {@value #KEPT_POISON_VIOLATIONS}). They are reported here, not thrown: the release that pushed
     * the corrupted slice out of quarantine belongs to another owner, is innocent, and took effect.
     * The corrupted slice is retired, never leased again. Empty outside guard mode.
     */
    @Override
    public List<PoisonViolationException> poisonViolations() {
        synchronized (poisonViolations) {
            return List.copyOf(poisonViolations);
        }
    }

    /** Reads the region table without the map lock: exact when no call is in flight (a checker between calls). */
    @Override
    public long[] mappedRegionBases(int sizeBytes) {
        return pools[SizeClass.indexFor(sizeBytes)].mapped().stream().mapToLong(region -> region.baseAddress).toArray();
    }

    @Override
    public long regionBytes() {
        return config.regionBytes();
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The calling thread's stripe: the low bits of its id. Thread ids are handed out in creation
     * order, so threads started together (a pool, the benchmark's workers) get distinct stripes;
     * two threads that share one only contend on its stacks. A {@code ThreadLocal} handed out
     * stripes round robin, but with the zeroing switched off a 4 KiB lease+release took 43 ns
     * with its lookup and 34 ns without (JMH, this machine kind).
     */
    private int stripe() {
        return (int) Thread.currentThread().threadId() & stripeMask;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("allocator is closed");
        }
    }

    /**
     * Raises the high-water mark to the bytes leased now, and sets the low mark of every class's
     * stack on {@code stripe} to its depth now. Called after a pop took a stack of the thread's
     * stripe below its low mark, after a pop from another stripe, and on the slow path: summing
     * every stripe on every lease would read cache lines the other cores are writing.
     *
     * <p>Exact when all leases and releases come from one thread (the sequence runner and the
     * simulator): between two checks no stack of the thread's stripe went below its depth at the
     * last check, so no slice more was leased than then, and every other change (map, unmap)
     * runs a check. Under concurrency another thread's leases between two checks of this one
     * can make a peak that no check sees, so the mark is a lower bound there. What the slow path
     * does meanwhile (drain, push back, install, quarantine moves) cannot make it count a free
     * slice as leased ({@link SizeClassPool#leased}); what can: stripes are read one after
     * another, so a release on a stripe read early and a lease on a stripe read late, in that
     * order, are both seen as leased. That overstates by at most one slice per call in flight
     * during the look, not by a whole class's free slices as a look during an unmap did.
     */
    private void recordHighWater(int stripe) {
        for (SizeClassPool pool : pools) {
            pool.resetLowMark(stripe);
        }
        long nowBytes = 0;
        for (SizeClassPool pool : pools) {
            nowBytes += pool.leased() * pool.sliceBytes;
        }
        long high = highWaterBytes.get();
        while (nowBytes > high && !highWaterBytes.compareAndSet(high, nowBytes)) {
            high = highWaterBytes.get();
        }
    }

    // ---- release validation ------------------------------------------------------------------

    /** The region of a segment that is a whole slice of this allocator; FOREIGN otherwise. */
    private Region validatedRegion(MemorySegment segment) {
        long address = segment.address();
        Region region = segment.isNative() ? index.find(address) : null;
        if (region == null) {
            throw reject(SegmentOwnershipException.Kind.FOREIGN, segment,
                    "segment is not inside any region of this allocator");
        }
        long offset = address - region.baseAddress;
        if ((offset & (region.sliceBytes - 1)) != 0 || segment.byteSize() != region.sliceBytes) {
            throw reject(SegmentOwnershipException.Kind.FOREIGN, segment,
                    "segment is not a whole slice: offsetInRegion=" + offset + " classBytes=" + region.sliceBytes);
        }
        return region;
    }

    /** The lease CAS failed: the slice is free (second release) or leased to another instance. */
    private SegmentOwnershipException rejectLeaseMismatch(Region region, int sliceIndex, MemorySegment segment) {
        if (region.lease(sliceIndex) == null) {
            return reject(SegmentOwnershipException.Kind.DOUBLE_RELEASE, segment, "slice is not leased");
        }
        // Same address and size but not the instance of the current lease: an instance from an
        // earlier lease of this slice (ABA), or an alias made from the current one.
        return reject(SegmentOwnershipException.Kind.STALE, segment,
                "slice is leased again to another instance");
    }

    private SegmentOwnershipException reject(SegmentOwnershipException.Kind kind, MemorySegment segment,
                                             String why) {
        checkOpen(); // a release racing close may miss its unmapped region: that is "closed", not FOREIGN
        marks.hit(Mark.releaseRejected(kind));
        SegmentOwnershipException rejection = new SegmentOwnershipException(kind, segment.address(),
                why + ": address=0x" + Long.toHexString(segment.address()) + " byteSize=" + segment.byteSize());
        AllocatorEvents.rejected(rejection, segment.byteSize());
        return rejection;
    }

    // ---- slow path: map and unmap --------------------------------------------------------------

    /**
     * Pops under the map lock, mapping a region (and unmapping free ones to make room) as needed;
     * what {@link SizeClassPool#pop} returns, always asking for a high-water check.
     */
    private long popOrMap(SizeClassPool pool, int stripe) {
        mapLock.lock();
        try {
            checkOpen();
            while (true) {
                // Popped again under the lock: a release that pushed a slice after the lock-free pop
                // failed is found here. One pushed after this pop only costs a region mapped early.
                long popped = pool.pop(stripe);
                if (popped >= 0) {
                    return popped | SizeClassPool.CHECK_HIGH_WATER;
                }
                long regionBytes = config.regionBytes();
                if (faults.fire(FaultSite.BUDGET)) { // where a real exhaustion is decided: no free slice, a map needed
                    throw new AllocatorExhaustedException(pool.sliceBytes, config.budgetBytes(), mappedBytes.get(),
                            regionBytes);
                }
                // DEFECT(EXHAUSTION_SKIPS_UNMAP): when enabled, exhaustion is reported with fully free
                // regions of other classes still mapped, as an allocator without reclamation does.
                RuntimeException unmapFailure = null;
                if (mappedBytes.get() + regionBytes > config.budgetBytes()
                        && !defects.isEnabled(Defect.EXHAUSTION_SKIPS_UNMAP)) {
                    unmapFailure = unmapFreeRegions(pool, regionBytes, stripe);
                }
                int slot = pool.freeSlot();
                if (mappedBytes.get() + regionBytes > config.budgetBytes() || slot < 0) {
                    marks.hit(Mark.ALLOCATOR_EXHAUSTED);
                    exhaustedSinceLastMap = true;
                    AllocatorExhaustedException exhausted = new AllocatorExhaustedException(pool.sliceBytes,
                            config.budgetBytes(), mappedBytes.get(), regionBytes);
                    if (unmapFailure != null) {
                        exhausted.addSuppressed(unmapFailure); // why a free region is still mapped
                    }
                    throw exhausted;
                }
                map(pool, slot, stripe);
            }
        } finally {
            mapLock.unlock();
        }
    }

    private void map(SizeClassPool pool, int slot, int stripe) {
        Arena arena = newArena();
        MemorySegment memory;
        try {
            memory = mapRegion(arena, config.regionBytes());
        } catch (RuntimeException | Error failure) {
            arena.close();
            throw failure;
        }
        Region region = null;
        try {
            region = new Region(pool.classIndex, slot, pool.sliceBytes, memory, arena, quarantine != null);
            index.add(region); // findable before any slice is handed out
            pool.install(region, stripe);
        } catch (RuntimeException | Error failure) {
            // Mapped but not installed: each step above changes nothing when it throws (they throw
            // only when the heap runs out while building the region's tables, the index copy or the
            // slice ids), so undo the index entry and give the memory back; otherwise it would stay
            // mapped, uncounted and unreachable.
            if (region != null) {
                index.remove(region);
            }
            giveBackUninstalled(arena, memory, failure);
            throw failure;
        }
        AllocatorEvents.regionMapped(region, mappedBytes.addAndGet(region.regionBytes));
        marks.hit(exhaustedSinceLastMap ? Mark.EXHAUSTION_RECOVERED : null);
        exhaustedSinceLastMap = false;
    }

    /** Closes the arena and unmaps memory that was never installed; a failing munmap is kept for a retry. */
    private void giveBackUninstalled(Arena arena, MemorySegment memory, Throwable cause) {
        try {
            arena.close();
            unmapRegion(memory);
        } catch (RuntimeException unmapFailure) {
            unmapFailed.add(memory);
            mappedBytes.addAndGet(memory.byteSize()); // counted, so the retry's subtraction balances
            cause.addSuppressed(unmapFailure);
        }
    }

    /**
     * Makes room for a region of {@code regionBytes} under the budget: first gives back memory whose
     * {@code munmap} failed before, then unmaps regions whose slices are all free, from classes other
     * than {@code requesting}, until there is room or none is left. A region that will not unmap (its arena will not close, or {@code munmap}
     * fails) does not fail the allocation that asked for room: a region whose arena stayed open is
     * kept whole, its slices back on the free stack; one whose {@code munmap} failed stays counted
     * as mapped until a retry. The first such failure is returned (null when none), for the
     * exhaustion that may follow. (Throwing out of the allocation, with the region's slices taken
     * off the stack and never pushed back, lost them for good: found by the simulator's ARENA_CLOSE
     * fault site.) Map lock held.
     */
    private RuntimeException unmapFreeRegions(SizeClassPool requesting, long regionBytes, int stripe) {
        RuntimeException failure = unmapFailed.isEmpty() ? null : retryFailedUnmaps();
        long neededBytes = mappedBytes.get() + regionBytes - config.budgetBytes();
        long unmappedBytes = 0;
        for (SizeClassPool pool : pools) {
            if (pool == requesting || unmappedBytes >= neededBytes || pool.mappedRegions() == 0) {
                continue;
            }
            // DEFECT(UNMAP_COUNTS_BEFORE_DRAIN): counts on a look taken before the stack is taken.
            int[] looked = defects.isEnabled(Defect.UNMAP_COUNTS_BEFORE_DRAIN) ? pool.peek() : null;
            int[] drained = pool.drain();
            List<Region> fullyFree = fullyFreeRegions(pool, looked != null ? looked : drained);
            // Every fully free region is a candidate, not only as many as cover the bytes: when one
            // will not unmap the next is tried. (Picking just enough and giving up on the class when
            // one of them failed reported exhaustion with a fully free region still mapped.)
            pushBack(pool, drained, region -> !fullyFree.contains(region), stripe);
            List<Region> kept = new ArrayList<>();
            for (Region region : fullyFree) {
                if (unmappedBytes >= neededBytes) {
                    kept.add(region);
                    continue;
                }
                int parkedOfRegion = countIn(pool, drained, region); // before the unmap: it uninstalls the region
                try {
                    unmap(pool, region);
                    unmappedBytes += region.regionBytes;
                    marks.hit(Mark.REGION_UNMAPPED_UNDER_PRESSURE);
                } catch (RuntimeException regionFailure) {
                    failure = firstWithRest(failure, regionFailure);
                    if (pool.mapped().contains(region)) {
                        kept.add(region); // its arena stayed open: keep it whole
                        continue;
                    }
                }
                pool.unpark(parkedOfRegion); // uninstalled: its drained slices are nowhere now
            }
            pushBack(pool, drained, kept::contains, stripe);
        }
        return failure;
    }

    /** The regions of {@code pool} all of whose slices are among {@code freeIds}. Map lock held. */
    private static List<Region> fullyFreeRegions(SizeClassPool pool, int[] freeIds) {
        int[] freeCountBySlot = new int[Math.max(1, maxSlot(freeIds, pool) + 1)];
        for (int id : freeIds) {
            freeCountBySlot[pool.region(id).slot]++;
        }
        List<Region> fullyFree = new ArrayList<>();
        for (Region region : pool.mapped()) {
            if (region.slot < freeCountBySlot.length && freeCountBySlot[region.slot] == region.sliceCount) {
                fullyFree.add(region);
            }
        }
        return fullyFree;
    }

    /** How many of {@code ids} are slices of {@code region}. */
    private static int countIn(SizeClassPool pool, int[] ids, Region region) {
        int count = 0;
        for (int id : ids) {
            count += pool.region(id) == region ? 1 : 0;
        }
        return count;
    }

    /** {@code first}, or {@code next} when there is none yet; later failures are suppressed by the first. */
    private static RuntimeException firstWithRest(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static int maxSlot(int[] ids, SizeClassPool pool) {
        int max = -1;
        for (int id : ids) {
            max = Math.max(max, pool.region(id).slot);
        }
        return max;
    }

    /**
     * Pushes back the drained ids whose region {@code keep} accepts, in their order, on the stripe
     * of the thread that asked for room (its high-water check follows), and only then unparks them.
     */
    private static void pushBack(SizeClassPool pool, int[] drained, Predicate<Region> keep, int stripe) {
        int[] kept = new int[drained.length];
        int count = 0;
        for (int id : drained) {
            if (keep.test(pool.region(id))) {
                kept[count++] = id;
            }
        }
        pool.pushAll(kept, count, stripe);
        pool.unpark(count);
    }

    /**
     * Gives back the memory of regions whose {@code munmap} failed earlier; the first failure of
     * this round, or null. Map lock held.
     */
    private RuntimeException retryFailedUnmaps() {
        RuntimeException failure = null;
        for (MemorySegment memory : List.copyOf(unmapFailed)) {
            try {
                unmapRegion(memory);
                unmapFailed.remove(memory);
                mappedBytes.addAndGet(-memory.byteSize());
            } catch (RuntimeException again) {
                if (failure == null) {
                    failure = again;
                } else {
                    failure.addSuppressed(again);
                }
            }
        }
        return failure;
    }

    /** Closes the region's arena (its segments now throw), then gives the memory back. Map lock held. */
    private void unmap(SizeClassPool pool, Region region) {
        closeArena(region.arena); // first: when it throws, the region is still installed and mapped
        index.remove(region);
        pool.uninstall(region);
        try {
            unmapRegion(region.memory);
        } catch (RuntimeException unmapFailure) {
            // Its arena is closed, so nothing can touch the memory; it stays counted as mapped
            // until a later unmap or close() gives it back.
            unmapFailed.add(region.memory);
            throw unmapFailure;
        }
        AllocatorEvents.regionUnmapped(region, mappedBytes.addAndGet(-region.regionBytes));
    }

    // ---- guard mode ---------------------------------------------------------------------------

    /**
     * A view of the slice with its own arena, closed on release, so the released view
     * throws on access; recorded as the lease. Under the map lock so close sees every view it
     * must close.
     */
    @SuppressWarnings("restricted") // reinterpret only rescopes a slice this allocator owns
    private MemorySegment guardLease(Region region, int sliceIndex, MemorySegment slice) {
        mapLock.lock();
        try {
            checkOpen();
            Arena arena = newArena();
            MemorySegment view = slice.reinterpret(arena, null);
            region.guardLeases[sliceIndex] = new GuardLease(arena, Thread.currentThread().getName(),
                    leaseNumbers.incrementAndGet());
            region.publishLease(sliceIndex, view);
            return view;
        } finally {
            mapLock.unlock();
        }
    }

    private void releaseGuarded(Region region, int sliceIndex, MemorySegment segment) {
        Quarantine.Entry leaving;
        mapLock.lock();
        try {
            checkOpen();
            if (region.lease(sliceIndex) != segment) {
                throw rejectLeaseMismatch(region, sliceIndex, segment);
            }
            GuardLease lease = region.guardLeases[sliceIndex];
            // The lease ends and the slice goes into quarantine whether or not the view's arena
            // closes now. When the close throws (another thread's access holds the arena: it is
            // still using a segment its owner released), the view stays recorded in
            // guardLeases: the slice's exit from quarantine closes it, and close() closes it
            // before unmapping the region. (Ending the lease before the close and forgetting the
            // view left the slice in no place and the view open over memory close() unmapped;
            // refusing the release instead left the page, the cache listener and every other
            // caller holding a segment it had finished with and no way to give it back, a leak
            // that appeared once the simulator armed ARENA_CLOSE inside page returns.)
            boolean viewClosed = tryCloseArena(lease.arena());
            region.endLease(sliceIndex, segment);
            if (viewClosed) {
                region.guardLeases[sliceIndex] = null;
            }
            SizeClassPool pool = pools[region.classIndex];
            AllocatorEvents.released(pool.sliceBytes, segment.address());
            leaving = quarantine.admit(new Quarantine.Entry(pool, pool.id(region.slot, sliceIndex), region,
                    sliceIndex, lease.owner()));
            if (leaving != null) {
                leaveQuarantine(leaving, stripe());
            }
        } finally {
            mapLock.unlock();
        }
    }

    /**
     * Verifies the poison and frees the slice; a corrupted slice is retired, never leased again,
     * and reported in {@link #poisonViolations()}.
     */
    private void leaveQuarantine(Quarantine.Entry leaving, int stripe) {
        moveOutOfQuarantine(leaving, stripe);
        Quarantine.left(leaving); // after the move: a look in between sees it in two places, never in none
    }

    private void moveOutOfQuarantine(Quarantine.Entry leaving, int stripe) {
        Region region = leaving.region();
        GuardLease openView = region.guardLeases[leaving.sliceIndex()];
        if (openView != null) {
            // Its view would not close at release; a slice is leased again only once the view
            // that still reaches it is closed. Not a fault site: the simulator's ARENA_CLOSE
            // stands for an access in progress at the release, which this single-threaded world
            // cannot still be making here; a real one still in progress retires the slice.
            if (!closes(openView.arena())) {
                retire(leaving, PoisonViolationException.viewStillInUse(region.sliceAddress(leaving.sliceIndex()),
                        region.sliceBytes, leaving.lastOwner()));
                return;
            }
            region.guardLeases[leaving.sliceIndex()] = null;
        }
        try {
            Quarantine.verify(leaving);
        } catch (PoisonViolationException violation) {
            retire(leaving, violation);
            return;
        }
        marks.hit(Mark.QUARANTINE_POISON_VERIFIED);
        leaving.pool().push(leaving.region(), leaving.sliceIndex(), stripe);
    }

    /** A slice that must never be leased again: counted retired and reported. */
    private void retire(Quarantine.Entry leaving, PoisonViolationException violation) {
        leaving.pool().retired.increment();
        synchronized (poisonViolations) {
            if (poisonViolations.size() < KEPT_POISON_VIOLATIONS) {
                poisonViolations.add(violation);
            }
        }
    }

    /**
     * A region's or a guard view's arena: shared, so any thread may use the memory, or confined to
     * this thread when the allocator has one thread ({@link AllocatorConfig#oneThread}), whose close
     * stops no other thread.
     */
    private Arena newArena() {
        return config.oneThread() ? Arena.ofConfined() : Arena.ofShared();
    }

    /** {@link #closeArena}, answering false instead of throwing when the arena will not close. */
    private boolean tryCloseArena(Arena arena) {
        return !faults.fire(FaultSite.ARENA_CLOSE) && closes(arena);
    }

    /** Closes {@code arena}; false when the JDK refuses because another thread has it acquired. */
    private static boolean closes(Arena arena) {
        try {
            arena.close();
            return true;
        } catch (IllegalStateException acquiredElsewhere) {
            return false;
        }
    }

    /**
     * Closes a shared arena. The JDK refuses (IllegalStateException) while another thread's access
     * has it acquired; the ARENA_CLOSE site makes that happen here.
     */
    private void closeArena(Arena arena) {
        if (faults.fire(FaultSite.ARENA_CLOSE)) {
            throw new IllegalStateException("Session is acquired by 1 clients" + InjectedFault.MARKER);
        }
        arena.close();
    }

    /**
     * Close path: closes every guard-mode view of the region, those of leased slices (ending the
     * lease) and those a release could not close (quarantined or retired slices).
     */
    private void closeGuardViews(Region region) {
        if (region.guardLeases == null) {
            return;
        }
        for (int sliceIndex = 0; sliceIndex < region.sliceCount; sliceIndex++) {
            if (region.guardLeases[sliceIndex] != null) {
                // The view closes before its lease is cleared, so a close that throws leaves the
                // view found again by the retry, and the region is not unmapped under it.
                closeArena(region.guardLeases[sliceIndex].arena());
                region.clearLease(sliceIndex); // ends the lease of a leased slice; a released one has none
                region.guardLeases[sliceIndex] = null;
            }
        }
    }
}
