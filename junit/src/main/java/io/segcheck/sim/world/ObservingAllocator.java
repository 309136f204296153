package io.segcheck.sim.world;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.RegionLayout;
import io.segcheck.model.fault.FaultSite;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Wraps the real allocator and records what it did during one call: every allocate (the segment
 * handed out, or the exception with the stats right after it) and every rejected release. The
 * model learns the allocator's nondeterministic choices from these records, so nothing about
 * addresses or exhaustion is guessed.
 *
 * <p>Single-threaded like the rest of the sequence world: the runner drives one call at a time.
 */
final class ObservingAllocator implements OffHeapAllocator {

    /**
     * One allocate: the request and either the segment or the failure (with stats at the failure),
     * and the regions mapped per class right after it (allocate is the only call that unmaps).
     */
    record Allocation(long requestBytes, MemorySegment segment, Throwable failure, AllocatorStats statsAtFailure,
                      long[] mappedRegionsAfter, long firstNonZeroOffset, FaultSite injected,
                      long[][] regionBasesAtFailure, int regionsThatWouldNotUnmap) {

        Allocation(long requestBytes, MemorySegment segment, Throwable failure, AllocatorStats statsAtFailure,
                   long[] mappedRegionsAfter, long firstNonZeroOffset, FaultSite injected) {
            this(requestBytes, segment, failure, statsAtFailure, mappedRegionsAfter, firstNonZeroOffset, injected,
                    null, 0);
        }
    }

    /** Segments up to this size are read whole for zeroes; larger ones at both ends and in sampled windows. */
    static final long WHOLE_CHECK_BYTES = 16 * 1024;
    private static final long WINDOW_BYTES = 512;
    private static final int SAMPLED_WINDOWS = 8;
    private static final MemorySegment ZEROES = MemorySegment.ofArray(new byte[(int) WHOLE_CHECK_BYTES]);

    private final OffHeapAllocator delegate;
    private final List<Allocation> allocations = new ArrayList<>();
    private final List<RuntimeException> rejectedReleases = new ArrayList<>();
    private final List<Long> releasedAddresses = new ArrayList<>();
    /** Every segment handed out in this world, released or not, oldest first (never forgotten). */
    private final List<MemorySegment> handedOut = new ArrayList<>();
    /** Where large segments are sampled for zeroes; seeded, so a replay reads the same bytes. */
    private final SplittableRandom samples;

    private final RecordingFaults faults;

    /**
     * Whether the design promises zeroed leases. When it does not, a new lease may hold its previous
     * owner's bytes, but exactly those: what the segment held when it was released, so a write after
     * the release (through a stale reference) still shows.
     */
    private final boolean zeroed;
    /** For a design without zeroing: per released address, its first and last bytes at release. */
    private final Map<Long, byte[]> atRelease = new HashMap<>();

    ObservingAllocator(OffHeapAllocator delegate, long seed) {
        this(delegate, seed, true);
    }

    ObservingAllocator(OffHeapAllocator delegate, long seed, boolean zeroed) {
        this(delegate, seed, zeroed, new RecordingFaults(io.segcheck.model.fault.Faults.none()));
    }

    ObservingAllocator(OffHeapAllocator delegate, long seed, boolean zeroed, RecordingFaults faults) {
        this.delegate = delegate;
        this.faults = faults;
        this.samples = new SplittableRandom(seed);
        this.zeroed = zeroed;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        int mark = faults.firedCount();
        int namedMark = faults.namedFiredCount();
        try {
            MemorySegment segment = delegate.allocate(bytes);
            handedOut.add(segment);
            allocations.add(new Allocation(bytes, segment, null, null, mappedRegions(delegate.stats()),
                    zeroed ? firstNonZeroOffset(segment) : firstChangedSinceRelease(segment), null));
            return segment;
        } catch (AllocatorExhaustedException exhausted) {
            AllocatorStats stats = delegate.stats();
            // A named fault site of the allocator's own that fired here made the exhaustion on purpose, as
            // does segcheck's injected exhaustion; an arena that would not close only counts regions
            // that may legally stay mapped.
            FaultSite injected = faults.namedFiredCount() > namedMark || faults.firedSince(mark, FaultSite.BUDGET)
                    ? FaultSite.BUDGET : null;
            allocations.add(new Allocation(bytes, null, exhausted, stats, mappedRegions(stats), -1, injected,
                    regionBases(stats), faults.firedCountSince(mark, FaultSite.ARENA_CLOSE)));
            throw exhausted;
        } catch (RuntimeException | OutOfMemoryError failure) {
            FaultSite injected = faults.firedSince(mark, FaultSite.MAP) ? FaultSite.MAP : null;
            RuntimeException thrown = injected == null && failure instanceof OutOfMemoryError error
                    ? new SystemUnderCheckError("allocate(" + bytes + ")", error) : null;
            allocations.add(new Allocation(bytes, null, thrown == null ? failure : thrown, null,
                    mappedRegions(delegate.stats()), -1, injected));
            if (thrown != null) {
                throw thrown;
            }
            throw failure;
        } catch (AssertionError failure) {
            throw failure; // an assert of the allocator: judged by the design's declaration, as before
        } catch (Error failure) {
            throw new SystemUnderCheckError("allocate(" + bytes + ")", failure);
        }
    }

    /**
     * Where each class's regions are, when the allocator tells ({@link RegionLayout}); null
     * otherwise. Only an injected exhaustion (BUDGET) is legal whatever the room: a region arena
     * that would not close or a {@code munmap} that failed while making room is not, by itself,
     * leave to give up (the allocator must try its other fully free regions), so those count only
     * as the regions that may stay ({@link Allocation#regionsThatWouldNotUnmap}). (Accepting any
     * exhaustion in a call where one of them fired hid an allocator that gave up on a class after
     * its first failed region.)
     */
    private long[][] regionBases(AllocatorStats stats) {
        if (!(delegate instanceof RegionLayout layout)) {
            return null;
        }
        long[][] bases = new long[stats.classes().size()][];
        for (int index = 0; index < bases.length; index++) {
            bases[index] = layout.mappedRegionBases(stats.classes().get(index).sizeBytes());
        }
        return bases;
    }

    /** Every segment the allocator handed out in this world, released ones too, oldest first. */
    List<MemorySegment> everHandedOut() {
        return List.copyOf(handedOut);
    }

    /** The allocator this one observes. */
    OffHeapAllocator delegate() {
        return delegate;
    }

    /**
     * The offset of the first non-zero byte a new owner could read, or -1: the whole segment when
     * small, else the first and last 4 KiB and a few seeded windows between (a recycled slice that
     * was not zeroed holds its previous owner's bytes or guard mode's poison almost everywhere).
     */
    private long firstNonZeroOffset(MemorySegment segment) {
        long size = segment.byteSize();
        if (size <= WHOLE_CHECK_BYTES) {
            return nonZeroIn(segment, 0, size);
        }
        long found = nonZeroIn(segment, 0, WHOLE_CHECK_BYTES / 4);
        if (found < 0) {
            found = nonZeroIn(segment, size - WHOLE_CHECK_BYTES / 4, WHOLE_CHECK_BYTES / 4);
        }
        for (int window = 0; window < SAMPLED_WINDOWS && found < 0; window++) {
            long offset = samples.nextLong(size / WINDOW_BYTES) * WINDOW_BYTES;
            found = nonZeroIn(segment, offset, WINDOW_BYTES);
        }
        return found;
    }

    /**
     * For a design without zeroing: the offset of the first byte that differs from what the segment
     * held at its last release, or -1 (also for memory never released).
     */
    private long firstChangedSinceRelease(MemorySegment segment) {
        byte[] before = atRelease.remove(segment.address());
        if (before == null || before.length != edgeBytes(segment) * 2) {
            return -1;
        }
        byte[] now = edges(segment);
        int mismatch = java.util.Arrays.mismatch(before, now);
        if (mismatch < 0) {
            return -1;
        }
        long half = edgeBytes(segment);
        return mismatch < half ? mismatch : segment.byteSize() - half + (mismatch - half);
    }

    private static long edgeBytes(MemorySegment segment) {
        return Math.min(segment.byteSize() / 2, WHOLE_CHECK_BYTES / 4);
    }

    /** The first and last {@link #edgeBytes} of {@code segment}. */
    private static byte[] edges(MemorySegment segment) {
        long half = edgeBytes(segment);
        byte[] copy = new byte[(int) (2 * half)];
        MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, copy, 0, (int) half);
        MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, segment.byteSize() - half, copy,
                (int) half, (int) half);
        return copy;
    }

    private static long nonZeroIn(MemorySegment segment, long offset, long length) {
        long mismatch = MemorySegment.mismatch(segment, offset, offset + length, ZEROES, 0, length);
        return mismatch < 0 ? -1 : offset + mismatch;
    }

    private static long[] mappedRegions(AllocatorStats stats) {
        long[] regions = new long[stats.classes().size()];
        for (int index = 0; index < regions.length; index++) {
            regions[index] = stats.classes().get(index).mappedRegions();
        }
        return regions;
    }

    @Override
    public void release(MemorySegment segment) {
        // Read before the release: with per-lease views the segment cannot be read afterwards.
        byte[] edges = !zeroed && segment != null && segment.isNative() && segment.scope().isAlive()
                && segment.byteSize() >= 2 ? edges(segment) : null;
        long leasedBefore = edges == null ? AllocatorStats.UNKNOWN : delegate.stats().leasedSegments();
        try {
            delegate.release(segment);
            releasedAddresses.add(segment.address());
            // A silent no-op also returns normally; only a release that ended a lease starts a snapshot.
            if (edges != null && (leasedBefore == AllocatorStats.UNKNOWN
                    || delegate.stats().leasedSegments() < leasedBefore)) {
                atRelease.put(segment.address(), edges);
            }
        } catch (RuntimeException rejected) {
            rejectedReleases.add(rejected);
            throw rejected;
        } catch (AssertionError failure) {
            throw failure;
        } catch (Error failure) {
            throw new SystemUnderCheckError("release(" + segment + ")", failure);
        }
    }

    @Override
    public AllocatorStats stats() {
        try {
            return delegate.stats();
        } catch (AssertionError failure) {
            throw failure;
        } catch (Error failure) {
            throw new SystemUnderCheckError("stats()", failure);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The allocations since the last {@link #forget()}, in call order. */
    List<Allocation> allocations() {
        return allocations;
    }

    /** The releases the allocator refused since the last {@link #forget()}. */
    List<RuntimeException> rejectedReleases() {
        return rejectedReleases;
    }

    /** The addresses of the accepted releases since the last {@link #forget()}, in call order. */
    List<Long> releasedAddresses() {
        return releasedAddresses;
    }

    /** Starts a new observation window (one real call). */
    void forget() {
        allocations.clear();
        rejectedReleases.clear();
        releasedAddresses.clear();
    }
}
