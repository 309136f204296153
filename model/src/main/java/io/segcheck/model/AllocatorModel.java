package io.segcheck.model;

import io.segcheck.api.AllocatorDesign;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The allocator as the model sees it: leases, the state of every address ever handed out, the
 * leased count per class and, in guard mode, the FIFO quarantine.
 *
 * <p>Which address a lease gets and whether the budget ran out are observed ({@link Grant}); this
 * class checks they are legal. Everything else (which class a request lands in, which release is
 * accepted and which is DOUBLE_RELEASE or STALE, the counters) it predicts.
 */
public final class AllocatorModel {

    /** One address: its lifecycle state and its current (or last) lease. */
    private static final class Slice {
        SegmentState state = SegmentState.FREE;
        Lease lease;
        /** When it last became FREE: its place in the order of frees (-1: never), and the step. */
        long freedSequence = -1;
        int freedStep;
    }

    private final ModelConfig config;
    private final Journal journal;
    /** By address, ordered, so a grant can be checked against every range it overlaps, not just its start. */
    private final NavigableMap<Long, Slice> slices = new TreeMap<>();
    private final ArrayDeque<Long> quarantine = new ArrayDeque<>();
    private long quarantinedTotal;
    private long quarantinedAtMark;
    /**
     * Between {@link #markCall} and {@link #matchReleaseOrder} the overflow of the quarantine stays
     * in it: which slice leaves depends on the order of the call's releases, known only after it.
     */
    private boolean inCall;
    private final List<Lease> leases = new ArrayList<>();
    private final AllocatorDesign design;
    private final int classCount;
    private final long[] leasedPerClass;
    private final long[] quarantinedPerClass;
    private final long[] mappedRegionsPerClass;
    private long highWaterBytes;
    private final int[] lastUnmapStepPerClass;
    /** Counts every move to FREE, so the model knows the order of frees ({@link #checkReuseOrder}). */
    private long freeSequence;

    AllocatorModel(ModelConfig config, Journal journal) {
        this.config = config;
        this.journal = journal;
        this.design = config.design();
        this.classCount = design.sizeClassesBytes().size();
        this.leasedPerClass = new long[classCount];
        this.quarantinedPerClass = new long[classCount];
        this.mappedRegionsPerClass = new long[classCount];
        this.lastUnmapStepPerClass = new int[classCount];
        java.util.Arrays.fill(lastUnmapStepPerClass, Integer.MIN_VALUE);
    }

    /** The declared design this model checks against. */
    public AllocatorDesign design() {
        return design;
    }

    /** The index of the class of exactly {@code classBytes} in the declared design. */
    private int classIndex(int classBytes) {
        int index = design.classIndexOfSize(classBytes);
        if (index < 0) {
            throw new IllegalArgumentException("classBytes=" + classBytes + " is not a declared size class "
                    + design.sizeClassesBytes());
        }
        return index;
    }

    /**
     * {@code allocate(requestBytes)} for {@code owner}: ILLEGAL_ARGUMENT for a bad size, EXHAUSTED
     * when the allocator legally refused, otherwise a new lease at the observed address.
     */
    Outcome<Lease> lease(long requestBytes, Owner owner, GrantSource grants) {
        int requestClass = design.classIndexFor(requestBytes);
        if (requestClass < 0) {
            return Outcome.failed(ErrorKind.ILLEGAL_ARGUMENT);
        }
        int classBytes = design.sizeClassesBytes().get(requestClass);
        Grant grant = grants.next(classBytes);
        return switch (grant.outcome()) {
            case EXHAUSTED -> refuse(classBytes, grant);
            case NOT_ASKED -> notAsked(classBytes, owner);
            case GRANTED -> Outcome.ok(grantLease(classBytes, owner, grant));
            case INJECTED_EXHAUSTED -> Outcome.failed(ErrorKind.EXHAUSTED);
            case INJECTED_FAILURE -> Outcome.failed(ErrorKind.FAULT);
        };
    }

    /**
     * An exhaustion is legal only when the declared accounting says so: for regions per class, no
     * free slice of the class and no room for one more region (a field the allocator does not
     * report is not held against it); for a byte budget, no room for one more segment of the class
     * next to what the model knows is leased or quarantined; with no accounting, never.
     */
    private Outcome<Lease> refuse(int classBytes, Grant grant) {
        String room = switch (design.accounting()) {
            case AllocatorDesign.Accounting.RegionsPerClass regions -> {
                boolean freeSlice = grant.freeSlicesOfClass() > 0;
                boolean regionRoom = grant.mappedBytes() != AllocatorStatsUnknown.VALUE
                        && grant.mappedBytes() + regions.regionBytes() <= regions.budgetBytes();
                yield freeSlice || regionRoom ? "freeSlicesOfClass=" + grant.freeSlicesOfClass() + " mappedBytes="
                        + grant.mappedBytes() + " regionBytes=" + regions.regionBytes() + " budgetBytes="
                        + regions.budgetBytes() : null;
            }
            case AllocatorDesign.Accounting.ByteBudget bytes -> heldBytes() + classBytes <= bytes.budgetBytes()
                    ? "leased and quarantined bytes=" + heldBytes() + " budgetBytes=" + bytes.budgetBytes() : null;
            case AllocatorDesign.Accounting.None none -> "the design declares no budget";
        };
        if (room != null) {
            journal.report(ViolationKind.BUDGET, "the allocator refused a " + classBytes
                    + " B segment as exhausted while its declared accounting (" + design.accounting()
                    + ") had room: " + room);
        } else if (grant.mappedRegionsPerClass() != null && design.unmapsFreeRegions()) {
            checkNoFullyFreeRegion(classBytes, grant);
        }
        return Outcome.failed(ErrorKind.EXHAUSTED);
    }

    /** Bytes the model knows are leased or waiting in quarantine: what a byte budget counts. */
    private long heldBytes() {
        long held = 0;
        for (int index = 0; index < classCount; index++) {
            held += leasedPerClass[index] * design.sizeClassesBytes().get(index);
        }
        for (long address : quarantine) {
            held += slices.get(address).lease.classBytes();
        }
        return held;
    }

    /**
     * Exhaustion is legal only after the allocator tried to unmap every fully free region of the
     * other classes: as many may remain as would not unmap during the call, no more. Where the
     * allocator tells where its regions are, a region is fully free when no address the model
     * knows leased or quarantined lies in it; otherwise only the pigeonhole bound is known (a class
     * with more mapped regions than leased plus quarantined slices has that many more fully free),
     * which misses two regions whose five leases all sit in the first.
     */
    private void checkNoFullyFreeRegion(int requestedClassBytes, Grant grant) {
        long[] regionsPerClass = grant.mappedRegionsPerClass();
        long fullyFree = 0;
        String first = null;
        for (int index = 0; index < Math.min(classCount, regionsPerClass.length); index++) {
            if (design.sizeClassesBytes().get(index) == requestedClassBytes
                    || regionsPerClass[index] == AllocatorStatsUnknown.VALUE) {
                continue;
            }
            long[] bases = grant.regionBasesPerClass() == null ? null : grant.regionBasesPerClass()[index];
            long free = bases != null ? fullyFreeRegions(index, bases)
                    : Math.max(0, regionsPerClass[index] - leasedPerClass[index] - quarantinedPerClass[index]);
            if (free > 0 && first == null) {
                first = "the " + design.sizeClassesBytes().get(index) + " B class maps " + regionsPerClass[index]
                        + " regions for " + leasedPerClass[index] + " leased and " + quarantinedPerClass[index]
                        + " quarantined slices, " + free + (bases != null ? " of them with no slice in use"
                        : " of them fully free by count");
            }
            fullyFree += free;
        }
        if (fullyFree > grant.regionsThatWouldNotUnmap()) {
            journal.report(ViolationKind.BUDGET, "the allocator refused a " + requestedClassBytes
                    + " B segment as exhausted while " + fullyFree + " fully free regions of other classes stayed"
                    + " mapped and only " + grant.regionsThatWouldNotUnmap() + " would not unmap: " + first
                    + "; each should have been tried before reporting exhaustion");
        }
    }

    /** The regions at {@code bases} of class {@code index} in which no address the model knows is leased or quarantined. */
    private long fullyFreeRegions(int index, long[] bases) {
        int classBytes = design.sizeClassesBytes().get(index);
        long free = 0;
        for (long base : bases) {
            boolean inUse = false;
            for (Slice slice : slices.subMap(base, true, base + config.regionBytes(), false).values()) {
                if (slice.state != SegmentState.FREE && slice.lease.classBytes() == classBytes) {
                    inUse = true;
                    break;
                }
            }
            free += inUse ? 0 : 1;
        }
        return free;
    }

    private Outcome<Lease> notAsked(int classBytes, Owner owner) {
        journal.report(ViolationKind.LOST_DATA, "the contract requires leasing a " + classBytes
                + " B segment for " + owner + " here, but the system leased nothing");
        return Outcome.failed(ErrorKind.EXHAUSTED);
    }

    private Lease grantLease(int classBytes, Owner owner, Grant grant) {
        if (grant.classBytes() != classBytes) {
            journal.report(ViolationKind.LEAK, "the allocator handed out a " + grant.classBytes()
                    + " B segment @0x" + Long.toHexString(grant.address()) + " for " + owner
                    + " where the contract asks for the " + classBytes + " B class");
        }
        drainQuarantine(); // a grant within a call sees the slices its earlier releases pushed out
        Slice slice = slices.computeIfAbsent(grant.address(), address -> new Slice());
        checkNotAliased(slice, grant, owner);
        checkReuseOrder(slice, grant, owner);
        Lease lease = new Lease(leases.size(), grant.address(), grant.classBytes(), owner, journal.step());
        leases.add(lease);
        move(slice, Operation.ALLOCATE, SegmentState.LEASED);
        slice.lease = lease;
        if (design.classIndexOfSize(lease.classBytes()) < 0) {
            return lease; // reported above as a wrong size; it is counted in no class
        }
        leasedPerClass[classIndex(lease.classBytes())]++;
        highWaterBytes = Math.max(highWaterBytes, leasedBytes());
        if (design.accounting() instanceof AllocatorDesign.Accounting.ByteBudget bytes
                && heldBytes() > bytes.budgetBytes()) {
            journal.report(ViolationKind.BUDGET, "the allocator leased " + lease.describe() + " to " + owner
                    + " beyond its declared byte budget: held bytes=" + heldBytes() + " budgetBytes="
                    + bytes.budgetBytes());
        }
        return lease;
    }

    private void checkNotAliased(Slice slice, Grant grant, Owner owner) {
        checkNoOverlap(grant, owner);
        String address = "@0x" + Long.toHexString(grant.address());
        if (slice.state == SegmentState.LEASED) {
            journal.report(ViolationKind.ALIAS, "the allocator handed out " + address + " to " + owner
                    + " while it is still leased: " + slice.lease.history());
            forceFree(slice);
        } else if (slice.state == SegmentState.QUARANTINED) {
            journal.report(ViolationKind.ALIAS, "the allocator handed out " + address + " to " + owner
                    + " while it is still in quarantine: " + slice.lease.history());
            quarantine.remove(grant.address());
            quarantinedPerClass[classIndex(slice.lease.classBytes())]--;
            move(slice, Operation.LEAVE_QUARANTINE, SegmentState.FREE);
        }
    }

    /**
     * ALIAS when the granted range overlaps a range leased or quarantined at another start address:
     * an 8 KiB grant at A while a 4 KiB lease at A + 4096 is live shares memory with it, and a
     * check of start addresses alone does not see it (nor the zeroing check, when nobody wrote).
     */
    private void checkNoOverlap(Grant grant, Owner owner) {
        long start = grant.address();
        long end = start + grant.classBytes();
        int largestClassBytes = design.sizeClassesBytes().getLast();
        for (Map.Entry<Long, Slice> entry : slices.subMap(start - largestClassBytes, false, end, false).entrySet()) {
            Slice other = entry.getValue();
            long otherStart = entry.getKey();
            if (otherStart == start || other.state == SegmentState.FREE
                    || otherStart + other.lease.classBytes() <= start) {
                continue;
            }
            journal.report(ViolationKind.ALIAS, "the allocator handed out [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ") to " + owner + ", overlapping [0x" + Long.toHexString(otherStart)
                    + ", 0x" + Long.toHexString(otherStart + other.lease.classBytes()) + ") which is still "
                    + (other.state == SegmentState.LEASED ? "leased" : "in quarantine") + ": "
                    + other.lease.history());
            return;
        }
    }

    /**
     * A declared reuse order, checked on what the model knows: when the grant reuses a segment the
     * model saw freed, no other segment of the class that it saw freed later (LIFO) or earlier
     * (FIFO) may still be free. Frees from before the class's last unmap are left out: their region
     * may be gone, and so are two frees of one call, whose order is the system's choice (Caffeine's
     * iteration in {@code invalidateAll}). Memory the model never saw (a fresh region) is not
     * ordered against anything.
     */
    private void checkReuseOrder(Slice granted, Grant grant, Owner owner) {
        AllocatorDesign.ReuseOrder order = design.reuseOrder();
        if (order == AllocatorDesign.ReuseOrder.UNSPECIFIED || !ordered(granted, grant.classBytes())) {
            return;
        }
        for (Map.Entry<Long, Slice> entry : slices.entrySet()) {
            Slice other = entry.getValue();
            if (other == granted || !ordered(other, grant.classBytes()) || other.freedStep == granted.freedStep) {
                continue; // frees within one call are in the system's order, not the model's (invalidateAll)
            }
            boolean skipped = order == AllocatorDesign.ReuseOrder.LIFO ? other.freedSequence > granted.freedSequence
                    : other.freedSequence < granted.freedSequence;
            if (skipped) {
                journal.report(ViolationKind.REUSE_ORDER, "the allocator handed out @0x" + Long.toHexString(grant.address())
                        + " to " + owner + " though the design declares " + order + " reuse and @0x"
                        + Long.toHexString(entry.getKey()) + " of the same class was freed "
                        + (order == AllocatorDesign.ReuseOrder.LIFO ? "after" : "before") + " it and is still free ("
                        + other.lease.history() + ")");
                return;
            }
        }
    }

    /** A free slice of the class whose free the model saw since the class last unmapped a region. */
    private boolean ordered(Slice slice, int classBytes) {
        if (slice.state != SegmentState.FREE || slice.freedSequence < 0 || slice.lease.classBytes() != classBytes) {
            return false;
        }
        int index = design.classIndexOfSize(classBytes);
        return index >= 0 && slice.freedStep > lastUnmapStepPerClass[index];
    }

    /** Moves a slice to FREE and remembers when, for {@link #checkReuseOrder}. */
    private void free(Slice slice, Operation operation) {
        move(slice, operation, SegmentState.FREE);
        slice.freedSequence = freeSequence++;
        slice.freedStep = journal.step();
    }

    /** Keeps the model consistent after an ALIAS was reported; the run stops at the violation. */
    private void forceFree(Slice slice) {
        leasedPerClass[classIndex(slice.lease.classBytes())]--;
        slice.lease.markReleased(journal.step());
        slice.state = SegmentState.FREE;
    }

    /**
     * {@code release(instance of lease)}: accepted when the lease is current; DOUBLE_RELEASE when its
     * address is not leased; STALE when the address is leased again to a newer lease of the same
     * class; FOREIGN when it is leased again as part of another class (its region was unmapped
     * and the memory mapped again for that class, so the old instance is no whole slice there).
     * No state changes on a refusal. See {@link #regionMayBeGone} for the one case the model
     * cannot decide alone.
     */
    Outcome<Object> release(Lease lease) {
        Slice slice = slices.get(lease.address());
        if (slice.lease != lease || slice.state != SegmentState.LEASED) {
            return Outcome.failed(refusal(slice, lease));
        }
        lease.markReleased(journal.step());
        leasedPerClass[classIndex(lease.classBytes())]--;
        if (config.quarantineSlices() > 0) {
            move(slice, Operation.RELEASE, SegmentState.QUARANTINED);
            quarantine.addLast(lease.address());
            quarantinedPerClass[classIndex(lease.classBytes())]++;
            quarantinedTotal++;
            if (!inCall) {
                drainQuarantine();
            }
        } else {
            free(slice, Operation.RELEASE);
        }
        return Outcome.done();
    }

    /**
     * {@code release(alias)} where the alias is a same-address, same-size view of {@code lease}'s
     * instance ({@code asSlice(0)}, {@code asReadOnly()}, {@code reinterpret}, a page's read-only
     * view): never the lease itself, so STALE while the lease is current, else what a release of
     * the old instance gets. Changes nothing; except that a design whose views end their lease
     * ({@code viewRelease=ENDS_LEASE}) accepts it while the lease is current, as the lease's release.
     */
    Outcome<Object> releaseAlias(Lease lease) {
        Slice slice = slices.get(lease.address());
        if (slice.lease == lease && slice.state == SegmentState.LEASED) {
            return design.viewRelease() == AllocatorDesign.ViewRelease.ENDS_LEASE ? release(lease)
                    : Outcome.failed(ErrorKind.STALE);
        }
        return Outcome.failed(refusal(slice, lease));
    }

    private static ErrorKind refusal(Slice slice, Lease lease) {
        if (slice.state != SegmentState.LEASED) {
            return ErrorKind.DOUBLE_RELEASE;
        }
        return slice.lease.classBytes() == lease.classBytes() ? ErrorKind.STALE : ErrorKind.FOREIGN;
    }

    /**
     * Observed nondeterminism: the real allocator unmaps fully free regions under budget pressure,
     * and the model does not know which one. After a region of a released lease's class was
     * unmapped, releasing that old instance may also be refused as FOREIGN (its memory is no
     * longer a slice of this allocator, or is part of a region of another class).
     */
    public boolean regionMayBeGone(Lease lease) {
        if (!design.unmapsFreeRegions()) {
            return false;
        }
        int index = classIndex(lease.classBytes());
        return lease.isReleased() && lastUnmapStepPerClass[index] >= lease.releasedAtStep();
    }

    /**
     * Tells the model how many regions each class has mapped right after one real allocation
     * (the only call that unmaps); a drop is an unmap, remembered per class for {@link #regionMayBeGone}.
     */
    public void observeMappedRegions(long[] regionsPerClass) {
        for (int index = 0; index < Math.min(classCount, regionsPerClass.length); index++) {
            if (regionsPerClass[index] < mappedRegionsPerClass[index]) {
                lastUnmapStepPerClass[index] = journal.step();
            }
            mappedRegionsPerClass[index] = regionsPerClass[index];
        }
    }

    /** Marks the start of one real call, for {@link #matchReleaseOrder}. */
    public void markCall() {
        quarantinedAtMark = quarantinedTotal;
        inCall = true;
    }

    /**
     * Observed nondeterminism: within one call the order of several releases is the system's
     * choice (Caffeine's iteration order in {@code invalidateAll}, eviction order), and in a FIFO
     * quarantine that order decides which slice leaves first. Puts the quarantine entries added
     * since {@link #markCall} in the order the real allocator saw the releases
     * ({@code releasedAddresses}, in call order); entries it did not see keep their place after them.
     */
    public void matchReleaseOrder(List<Long> releasedAddresses) {
        inCall = false;
        reorderAdded(releasedAddresses);
        drainQuarantine();
    }

    private void reorderAdded(List<Long> releasedAddresses) {
        int added = (int) Math.min(quarantinedTotal - quarantinedAtMark, quarantine.size());
        if (added < 2) {
            return;
        }
        List<Long> tail = new ArrayList<>(added);
        for (int i = 0; i < added; i++) {
            tail.add(0, quarantine.removeLast());
        }
        List<Long> ordered = new ArrayList<>(added);
        for (Long address : releasedAddresses) {
            if (tail.remove(address)) { // remove(Object): the address, not an index
                ordered.add(address);
            }
        }
        ordered.addAll(tail);
        quarantine.addAll(ordered);
    }

    /** A release the model's own page logic relies on; refusal there is a model bug. */
    void releaseOwned(Lease lease) {
        Outcome<Object> outcome = release(lease);
        if (!outcome.isOk()) {
            throw new IllegalStateException("model released a lease it does not hold: " + lease.history()
                    + " error=" + outcome.error());
        }
    }

    private void drainQuarantine() {
        while (quarantine.size() > config.quarantineSlices()) {
            Slice oldest = slices.get(quarantine.removeFirst());
            quarantinedPerClass[classIndex(oldest.lease.classBytes())]--;
            free(oldest, Operation.LEAVE_QUARANTINE);
        }
    }

    private static void move(Slice slice, Operation operation, SegmentState to) {
        if (!TransitionTable.allows(slice.state, operation)) {
            throw new IllegalStateException("model moved a slice along a missing edge: from=" + slice.state
                    + " operation=" + operation);
        }
        TransitionTable.requireEdge(slice.state, operation, to);
        slice.state = to;
    }

    /** The lease currently holding {@code address}, or null. */
    public Lease leaseAt(long address) {
        Slice slice = slices.get(address);
        return slice != null && slice.state == SegmentState.LEASED ? slice.lease : null;
    }

    /** The current or, when none, the last lease of {@code address}; null for an address never seen. */
    public Lease lastLeaseAt(long address) {
        Slice slice = slices.get(address);
        return slice == null ? null : slice.lease;
    }

    /** The state of {@code address}; FREE for an address never seen. */
    public SegmentState stateOf(long address) {
        Slice slice = slices.get(address);
        return slice == null ? SegmentState.FREE : slice.state;
    }

    /** Lease by id (ids are dense, in grant order). */
    public Lease lease(int id) {
        return leases.get(id);
    }

    /** How many leases were ever granted; the id the next grant gets. */
    public int leaseCount() {
        return leases.size();
    }

    /** Every lease ever granted, in grant order. */
    public List<Lease> leases() {
        return List.copyOf(leases);
    }

    /** Segments currently leased in class {@code index}. */
    public long leasedSegments(int classIndex) {
        return leasedPerClass[classIndex];
    }

    /** Segments currently leased, all classes. */
    public long leasedSegments() {
        long total = 0;
        for (long count : leasedPerClass) {
            total += count;
        }
        return total;
    }

    /** Bytes currently leased, all classes. */
    public long leasedBytes() {
        long total = 0;
        for (int index = 0; index < classCount; index++) {
            total += leasedPerClass[index] * design.sizeClassesBytes().get(index);
        }
        return total;
    }

    /** The most bytes leased at once so far: after every grant, so also peaks inside one call. */
    public long highWaterBytes() {
        return highWaterBytes;
    }

    /** Slices currently in quarantine. */
    public int quarantinedSlices() {
        return quarantine.size();
    }

    /**
     * Compares the real allocator's counters with the model: leased per class (LEAK when the
     * system holds more, USE_AFTER_RELEASE when it holds fewer than the owners the model knows),
     * mapped bytes within the budget (BUDGET), and enough mapped slices for every lease (UNMAP_IN_USE);
     * then every other counter the model knows exactly in a single-threaded run ({@link #checkStats}).
     */
    void check(AllocatorSnapshot observed) {
        for (int index = 0; index < classCount; index++) {
            checkClass(index, observed);
        }
        boolean regions = design.accounting() instanceof AllocatorDesign.Accounting.RegionsPerClass;
        if (regions && observed.mappedBytes() > config.budgetBytes()) {
            journal.report(ViolationKind.BUDGET, "the allocator has mappedBytes=" + observed.mappedBytes()
                    + " over budgetBytes=" + config.budgetBytes());
        }
        checkStats(observed);
    }

    /**
     * Leased bytes and the high-water mark (the model's maximum after every grant, so also a peak
     * inside one call), and per class the quarantined slices and the free slices: every slice of a
     * mapped region is leased, quarantined or free, so free is mapped minus the other two.
     */
    private void checkStats(AllocatorSnapshot observed) {
        if (observed.leasedBytes() != AllocatorSnapshot.UNKNOWN && observed.leasedBytes() != leasedBytes()) {
            journal.report(ViolationKind.STATS, "stats().leasedBytes=" + observed.leasedBytes()
                    + " but the model's leases add up to " + leasedBytes());
        }
        if (observed.highWaterBytes() != AllocatorSnapshot.UNKNOWN && observed.highWaterBytes() != highWaterBytes) {
            journal.report(ViolationKind.STATS, "stats().highWaterBytes=" + observed.highWaterBytes()
                    + " but the most bytes the model saw leased at once is " + highWaterBytes);
        }
        for (int index = 0; index < classCount; index++) {
            checkClassStats(index, observed);
        }
    }

    private void checkClassStats(int index, AllocatorSnapshot observed) {
        int classBytes = design.sizeClassesBytes().get(index);
        if (observed.quarantinedPerClass() != null && observed.quarantinedPerClass()[index] != AllocatorStatsUnknown.VALUE
                && observed.quarantinedPerClass()[index] != quarantinedPerClass[index]) {
            journal.report(ViolationKind.STATS, "stats() has " + observed.quarantinedPerClass()[index]
                    + " quarantined slices of " + classBytes + " B but the model's quarantine holds "
                    + quarantinedPerClass[index]);
            return;
        }
        boolean regionsKnown = design.accounting() instanceof AllocatorDesign.Accounting.RegionsPerClass
                && observed.mappedRegions(index) != AllocatorStatsUnknown.VALUE;
        long expectedFree = observed.mappedRegions(index) * (config.regionBytes() / classBytes)
                - leasedPerClass[index] - quarantinedPerClass[index];
        if (regionsKnown && observed.freeSlicesPerClass() != null
                && observed.freeSlicesPerClass()[index] != AllocatorStatsUnknown.VALUE
                && observed.freeSlicesPerClass()[index] != expectedFree) {
            journal.report(ViolationKind.STATS, "stats() has " + observed.freeSlicesPerClass()[index]
                    + " free slices of " + classBytes + " B but its " + observed.mappedRegions(index)
                    + " mapped regions less the model's " + leasedPerClass[index] + " leased and "
                    + quarantinedPerClass[index] + " quarantined leave " + expectedFree);
        }
    }

    private void checkClass(int index, AllocatorSnapshot observed) {
        int classBytes = design.sizeClassesBytes().get(index);
        long expected = leasedPerClass[index];
        long actual = observed.leasedSegments(index);
        if (actual == AllocatorStatsUnknown.VALUE) {
            return; // the allocator does not count this class; the other checks still hold it to the contract
        }
        if (actual > expected) {
            journal.report(ViolationKind.LEAK, "the allocator has " + actual + " segments of " + classBytes
                    + " B leased but the model knows owners for only " + expected + owners(classBytes)
                    + releasedNow(classBytes));
        } else if (actual < expected) {
            journal.report(ViolationKind.USE_AFTER_RELEASE, "the allocator has only " + actual + " segments of "
                    + classBytes + " B leased but the model's owners still hold " + expected + owners(classBytes));
        }
        long mappedSlices = observed.mappedRegions(index) * (config.regionBytes() / classBytes);
        boolean regionsKnown = design.accounting() instanceof AllocatorDesign.Accounting.RegionsPerClass
                && observed.mappedRegions(index) != AllocatorStatsUnknown.VALUE;
        if (regionsKnown && mappedSlices < actual) {
            journal.report(ViolationKind.UNMAP_IN_USE, "the allocator maps " + observed.mappedRegions(index)
                    + " regions (" + mappedSlices + " slices) of " + classBytes + " B but leases " + actual);
        }
    }

    /** Leases of the class that the model released in this step: the likely leaked ones. */
    private String releasedNow(int classBytes) {
        StringBuilder text = new StringBuilder();
        for (Lease lease : leases) {
            if (lease.isReleased() && lease.classBytes() == classBytes && lease.releasedAtStep() == journal.step()) {
                text.append(text.isEmpty() ? "; the model saw released in this step: " : "; ").append(lease.history());
            }
        }
        return text.toString();
    }

    /** The current holders of the class, newest first, at most a few (a sentence, not a dump). */
    private String owners(int classBytes) {
        StringBuilder text = new StringBuilder();
        int listed = 0;
        int more = 0;
        for (int id = leases.size() - 1; id >= 0; id--) {
            Lease lease = leases.get(id);
            if (lease.isReleased() || lease.classBytes() != classBytes) {
                continue;
            }
            if (listed < 4) {
                text.append(listed == 0 ? ": " : "; ").append(lease.describe()).append(" by ").append(lease.owner());
                listed++;
            } else {
                more++;
            }
        }
        return more == 0 ? text.toString() : text + " and " + more + " older";
    }
}
