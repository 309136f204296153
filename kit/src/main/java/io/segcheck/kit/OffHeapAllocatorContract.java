package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorDesign.Accounting;
import io.segcheck.api.AllocatorDesign.BadSizeSignal;
import io.segcheck.api.AllocatorDesign.ViewRelease;
import io.segcheck.api.AllocatorDesign.RejectedRelease;
import io.segcheck.api.AllocatorDesign.ReuseOrder;
import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@link OffHeapAllocator} contract, for any allocator: extend it with one method,
 * {@link #factory()}, whose {@link AllocatorFactory#design} declares what the allocator promises.
 *
 * <pre>{@code
 * class MyAllocatorContractTest extends OffHeapAllocatorContract {
 *     protected AllocatorFactory factory() { return new MyAllocatorFactory(); }
 * }
 * }</pre>
 *
 * <p>Each test checks one promise and is skipped (JUnit "aborted") when the design does not make
 * it; the safety tests (sizes, no overlap, released memory reusable, bad releases change nothing,
 * exhaustion only when the accounting allows) run for every design. Address assertions follow the
 * declared reuse order; stats are compared field by field and fields reported as
 * {@link AllocatorStats#UNKNOWN} are skipped. Every test has a timeout, an {@code OutOfMemoryError}
 * fails only its own test, and the tests that touch memory after close or release run in a forked
 * JVM each, so an allocator that crashes the JVM there yields one finding and the rest still run.
 * The forked JVM rebuilds the factory by class name: it needs a public no-argument constructor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(ContainFatalErrors.class)
public abstract class OffHeapAllocatorContract {

    /** How many segments a test leases at most while looking for a reused address. */
    private static final int REUSE_SEARCH_LIMIT = 512;

    private final List<OffHeapAllocator> opened = new ArrayList<>();

    /** The factory of the allocator under test. */
    protected abstract AllocatorFactory factory();

    /**
     * The settings most tests ask for: roomy budget, guard mode on. Override to check another
     * configuration; budget tests derive tighter settings from these.
     */
    protected AllocatorSettings settings() {
        return AllocatorSettings.roomy();
    }

    /** Opens a new allocator that is closed after the test; returns it with its declared design. */
    protected final Opened open(AllocatorSettings settings) {
        AllocatorDesign design = factory().design(settings);
        OffHeapAllocator allocator = factory().create(settings);
        assertNotNull(allocator, "factory returned null");
        opened.add(allocator);
        return new Opened(allocator, design);
    }

    protected final Opened open() {
        return open(settings());
    }

    /** An allocator under test and the design its factory declared for it. */
    protected record Opened(OffHeapAllocator allocator, AllocatorDesign design) {
        int smallest() {
            return design.sizeClassesBytes().getFirst();
        }

        int largest() {
            return design.maxClassBytes();
        }
    }

    @AfterEach
    void closeAll() {
        for (OffHeapAllocator allocator : opened) {
            try {
                allocator.close();
            } catch (RuntimeException alreadyReported) {
                // a test that closed it already checked close's own behaviour
            }
        }
    }

    // ---- sizes, zeroing, reuse: every design -------------------------------------------------------

    @Test
    void allocateRoundsUpToTheSmallestClassThatFits() {
        Opened under = open();
        List<Integer> classes = under.design().sizeClassesBytes();
        SubCases cases = SubCases.of("allocate(n)");
        for (int index = 0; index < classes.size(); index++) {
            int size = classes.get(index);
            long below = index == 0 ? 1 : classes.get(index - 1) + 1L;
            for (long request : new TreeSet<>(List.of(below, (below + size) / 2, (long) size))) {
                cases.add("n=" + request + " in the " + size + " B class", () -> {
                    MemorySegment segment = under.allocator().allocate(request);
                    assertEquals(size, segment.byteSize(), "allocate(" + request + ") must return the " + size
                            + " B class");
                    if (under.design().zeroed()) {
                        assertAllZero(segment, "a fresh segment of allocate(" + request + ")");
                    }
                    under.allocator().release(segment);
                });
            }
        }
        cases.runAll();
    }

    /**
     * Sizes {@code <= 0}, and above the largest class unless the design serves those, are refused
     * with the declared signal: {@code IllegalArgumentException}, or {@code AssertionError} when the
     * design checks sizes with {@code assert} (skipped when assertions are off for the allocator).
     */
    @Test
    void allocateRejectsSizesOutsideTheClassesAndLeavesStatsUnchanged() {
        Opened under = open();
        boolean asserted = under.design().badSizeSignal() == BadSizeSignal.ASSERTION_ERROR;
        assumeTrue(!asserted || under.allocator().getClass().desiredAssertionStatus(), "the design refuses bad"
                + " sizes by assert, and assertions are off for " + under.allocator().getClass().getName());
        Class<? extends Throwable> signal = asserted ? AssertionError.class : IllegalArgumentException.class;
        MemorySegment kept = under.allocator().allocate(under.smallest());
        SubCases cases = SubCases.of("allocate(bad size)");
        for (long bytes : new long[] {0, -1, under.largest() + 1L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            if (!under.design().refusesSize(bytes)) {
                continue; // above the largest class, served by design: see the oversized test
            }
            cases.add("n=" + bytes, () -> {
                AllocatorStats before = under.allocator().stats();
                Throwable thrown = assertThrows(Throwable.class, () -> under.allocator().allocate(bytes),
                        "allocate(" + bytes + ") must throw " + signal.getSimpleName() + ", but nothing was thrown");
                assertTrue(signal.isInstance(thrown), "allocate(" + bytes + ") threw " + thrown + " but the design"
                        + " declares badSizeSignal=" + under.design().badSizeSignal());
                StatsCheck.assertUnchanged(before, under.allocator().stats(), "allocate(" + bytes + ")");
            });
        }
        cases.runAll();
        under.allocator().release(kept);
    }

    /**
     * A design that serves requests above the largest class outside the classes: such a lease holds
     * at least what was asked, overlaps no live lease, is released like any other, and the stats are
     * back where they were once it is.
     */
    @Test
    void oversizedRequestIsServedOutsideTheClassesAndReleased() {
        Opened under = open();
        assumeTrue(under.design().oversizeRequests() == AllocatorDesign.OversizeRequests.SERVED_OUTSIDE_CLASSES,
                "design refuses requests above the largest class");
        MemorySegment kept = under.allocator().allocate(under.largest());
        kept.set(ValueLayout.JAVA_LONG, 0, 11L);
        SubCases cases = SubCases.of("allocate(n above the largest class)");
        for (long request : new long[] {under.largest() + 1L, 3L * under.largest() + 5}) {
            cases.add("n=" + request, () -> {
                AllocatorStats before = under.allocator().stats();
                MemorySegment big = under.allocator().allocate(request);
                assertTrue(big.byteSize() >= request, "allocate(" + request + ") returned only " + big.byteSize() + " B");
                assertNoOverlap(List.of(kept, big));
                big.set(ValueLayout.JAVA_BYTE, request - 1, (byte) 1);
                assertEquals(11L, kept.get(ValueLayout.JAVA_LONG, 0), "a live lease was overwritten");
                assertDoesNotThrow(() -> under.allocator().release(big), "the release of an oversized lease");
                StatsCheck.assertUnchanged(before, under.allocator().stats(), "an oversized lease and its release");
            });
        }
        cases.runAll();
        under.allocator().release(kept);
    }

    @Test
    void leasedSegmentsNeverOverlap() {
        Opened under = open();
        List<Integer> classes = under.design().sizeClassesBytes();
        List<MemorySegment> leased = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            leased.add(under.allocator().allocate(classes.get(i % classes.size())));
        }
        assertNoOverlap(leased);
        leased.forEach(under.allocator()::release);
        StatsCheck.assertField("leasedSegments", 0, under.allocator().stats().leasedSegments());
    }

    @Test
    void statsCountLeasesFieldByField() {
        Opened under = open(settings().withGuardMode(false));
        List<Integer> classes = under.design().sizeClassesBytes();
        int small = classes.getFirst();
        int other = classes.get(classes.size() / 2);
        MemorySegment first = under.allocator().allocate(small);
        under.allocator().allocate(small);
        under.allocator().allocate(other);
        under.allocator().release(first);
        AllocatorStats stats = under.allocator().stats();
        boolean sameClass = small == other;
        StatsCheck.assertField("leasedSegments", 2, stats.leasedSegments());
        StatsCheck.assertField("leasedBytes", small + (long) other, stats.leasedBytes());
        StatsCheck.assertField("highWaterBytes", 2L * small + other, stats.highWaterBytes());
        AllocatorStats.ClassStats smallStats = StatsCheck.classStats(stats, small);
        if (smallStats != null && !sameClass) {
            StatsCheck.assertField("class[" + small + "].leasedSegments", 1, smallStats.leasedSegments());
            StatsCheck.assertField("class[" + other + "].leasedSegments", 1,
                    StatsCheck.classStats(stats, other).leasedSegments());
        }
    }

    @Test
    void releasedMemoryIsReallyReusable() {
        // A declared quarantine holds released segments, and their bytes, out of reuse for a while
        // (whatever guard mode says: some allocators always quarantine): the budget holds all of
        // them and then some, or an allocator keeping its promise would be refused here.
        int quarantine = factory().design(tight(8)).quarantineSlices();
        Opened under = open(tight(8 + quarantine));
        int size = under.largest();
        // Twice the budget's worth of leases, one at a time: only reuse can serve them all.
        for (int i = 0; i < 2 * (8 + quarantine); i++) {
            MemorySegment segment = under.allocator().allocate(size);
            segment.set(ValueLayout.JAVA_LONG, size - 8, i);
            under.allocator().release(segment);
        }
        StatsCheck.assertField("leasedSegments", 0, under.allocator().stats().leasedSegments());
    }

    @Test
    void recycledSegmentIsZeroedAfterThePreviousOwnerDirtiedIt() {
        Opened under = open(reuseSettings());
        assumeTrue(under.design().zeroed(), "design does not promise zeroed allocations");
        for (int size : under.design().sizeClassesBytes()) {
            MemorySegment dirty = under.allocator().allocate(size);
            dirty.fill((byte) 0x5A);
            long address = dirty.address();
            under.allocator().release(dirty);
            MemorySegment reused = findReuse(under, size, address);
            assumeTrue(reused != null, "the allocator did not hand address 0x" + Long.toHexString(address)
                    + " out again within " + REUSE_SEARCH_LIMIT + " leases");
            assertAllZero(reused, "a recycled " + size + " B segment");
            under.allocator().release(reused);
        }
    }

    @Test
    void reuseFollowsTheDeclaredOrder() {
        Opened under = open(reuseSettings());
        ReuseOrder order = under.design().reuseOrder();
        assumeTrue(order != ReuseOrder.UNSPECIFIED, "design declares no reuse order");
        assumeTrue(under.design().quarantineSlices() == 0, "quarantine delays reuse; see the quarantine test");
        int size = under.smallest();
        List<MemorySegment> released = List.of(under.allocator().allocate(size), under.allocator().allocate(size),
                under.allocator().allocate(size));
        released.forEach(under.allocator()::release);
        List<Long> expected = released.stream().map(MemorySegment::address).toList();
        if (order == ReuseOrder.LIFO) {
            expected = expected.reversed();
            for (long address : expected) {
                assertEquals(address, under.allocator().allocate(size).address(),
                        "LIFO: the most recently released segment is handed out first");
            }
            return;
        }
        // FIFO: segments freed earlier (e.g. fresh ones) come first, then these three in release order.
        Set<Long> ours = new HashSet<>(expected);
        long first = -1;
        for (int i = 0; i < REUSE_SEARCH_LIMIT && first < 0; i++) {
            long address = under.allocator().allocate(size).address();
            first = ours.contains(address) ? address : -1;
        }
        assertEquals(expected.getFirst(), first, "FIFO: the longest released of the three comes back first");
        assertEquals(expected.get(1), under.allocator().allocate(size).address(), "FIFO: then the second");
        assertEquals(expected.get(2), under.allocator().allocate(size).address(), "FIFO: then the third");
    }

    @Test
    void quarantineKeepsAReleasedAddressOutOfReuse() {
        Opened under = open();
        int quarantine = under.design().quarantineSlices();
        assumeTrue(quarantine > 0, "design declares no quarantine");
        int size = under.smallest();
        MemorySegment victim = under.allocator().allocate(size);
        under.allocator().release(victim);
        for (int i = 0; i < quarantine - 1; i++) {
            under.allocator().release(under.allocator().allocate(size));
        }
        for (int i = 0; i < Math.min(REUSE_SEARCH_LIMIT, 2 * quarantine + 8); i++) {
            assertTrue(under.allocator().allocate(size).address() != victim.address(),
                    "address 0x" + Long.toHexString(victim.address()) + " was handed out again while fewer than "
                            + quarantine + " releases followed its own");
        }
    }

    // ---- release validation: every design, signalled as declared -------------------------------------

    @Test
    void secondReleaseIsRefusedAndChangesNothing() {
        Opened under = validating();
        MemorySegment segment = under.allocator().allocate(under.smallest());
        under.allocator().release(segment);
        assertRefused(under, segment, SegmentOwnershipException.Kind.DOUBLE_RELEASE, "a second release");
        assertNoTwoOwners(under, under.smallest());
    }

    @Test
    void releaseOfStaleInstanceIsRefusedAfterTheAddressWasLeasedAgain() {
        Opened under = validating(open(reuseSettings()));
        int size = under.smallest();
        MemorySegment old = under.allocator().allocate(size);
        under.allocator().release(old);
        MemorySegment current = findReuse(under, size, old.address());
        assumeTrue(current != null, "the allocator did not hand the address out again within "
                + REUSE_SEARCH_LIMIT + " leases, so there is no stale instance to release");
        assertRefused(under, old, SegmentOwnershipException.Kind.STALE, "a stale instance's release (the ABA case)");
        current.set(ValueLayout.JAVA_LONG, 0, 42L);
        assertEquals(42L, current.get(ValueLayout.JAVA_LONG, 0), "the current owner still holds its lease");
        long leasedBefore = under.allocator().stats().leasedSegments();
        assertDoesNotThrow(() -> under.allocator().release(current), "the current owner's release");
        if (leasedBefore != AllocatorStats.UNKNOWN) {
            StatsCheck.assertField("leasedSegments", leasedBefore - 1, under.allocator().stats().leasedSegments());
        }
    }

    @Test
    void releaseOfSegmentsThisAllocatorNeverLeasedIsRefused() {
        Opened under = validating();
        Opened other = open();
        int size = under.design().sizeClassesBytes().size() > 1 ? under.design().sizeClassesBytes().get(1)
                : under.smallest();
        MemorySegment mine = under.allocator().allocate(size);
        MemorySegment theirs = other.allocator().allocate(size);
        SubCases cases = SubCases.of("release(a segment this allocator never leased)");
        cases.add("another allocator's segment", () -> {
            AllocatorStats otherBefore = other.allocator().stats();
            assertRefused(under, theirs, SegmentOwnershipException.Kind.FOREIGN, "another allocator's segment");
            StatsCheck.assertUnchanged(otherBefore, other.allocator().stats(), "a foreign release into another allocator");
        });
        cases.add("an arena segment", () -> {
            try (Arena arena = Arena.ofConfined()) {
                assertRefused(under, arena.allocate(size, 16), SegmentOwnershipException.Kind.FOREIGN, "an arena segment");
            }
        });
        cases.add("a heap segment", () -> assertRefused(under, MemorySegment.ofArray(new byte[size]),
                SegmentOwnershipException.Kind.FOREIGN, "a heap segment"));
        long smaller = size > under.smallest() ? under.smallest() : size / 2;
        cases.add("a slice at offset 0 of a live lease, of another size", () -> assertRefused(under,
                mine.asSlice(0, smaller), SegmentOwnershipException.Kind.FOREIGN,
                "a slice at offset 0 of a lease (wrong size)"));
        cases.add("a slice inside a live lease", () -> assertRefused(under, mine.asSlice(8, size - 8),
                SegmentOwnershipException.Kind.FOREIGN, "a slice inside a lease"));
        cases.runAll();
        mine.set(ValueLayout.JAVA_LONG, 0, 7L);
        assertEquals(7L, mine.get(ValueLayout.JAVA_LONG, 0), "the owner still holds its lease");
        under.allocator().release(mine);
        other.allocator().release(theirs);
    }

    /**
     * Release validation must not rest on anything a caller can copy: every same-address, same-size
     * view a caller can make of a live lease ({@code asSlice(0)}, {@code asReadOnly()},
     * {@code reinterpret(byteSize)}) is refused (as STALE or FOREIGN) or, for a silent design,
     * changes nothing; the owner's lease stays valid and releases normally afterwards.
     */
    @Test
    void releaseOfASameAddressViewOfALiveLeaseIsRefused() {
        Opened under = validating();
        assumeTrue(under.design().viewRelease() == ViewRelease.REFUSED, "design declares that a view ends its lease");
        MemorySegment mine = under.allocator().allocate(under.smallest());
        SubCases cases = SubCases.of("release(a view of a live lease)");
        wholeViews(mine).forEach((name, view) -> cases.add(name, () -> assertRefused(under, view,
                EnumSet.of(SegmentOwnershipException.Kind.STALE, SegmentOwnershipException.Kind.FOREIGN),
                "a release of the view " + name + " of a live lease")));
        cases.runAll();
        mine.set(ValueLayout.JAVA_LONG, 0, 7L);
        assertEquals(7L, mine.get(ValueLayout.JAVA_LONG, 0), "the owner still holds its lease");
        assertDoesNotThrow(() -> under.allocator().release(mine), "the owner's own release after the views'");
    }

    /**
     * A design that lets a whole view end its lease: a release through each same-address, same-size
     * view ends the live lease (one fewer leased; the lease's own instance is then a double release).
     */
    @Test
    void releaseThroughAWholeViewOfALiveLeaseEndsThatLease() {
        Opened under = open();
        assumeTrue(under.design().viewRelease() == ViewRelease.ENDS_LEASE, "design refuses views of a lease");
        SubCases cases = SubCases.of("release(a whole view of a live lease)");
        for (String name : wholeViews(under.allocator().allocate(under.smallest())).keySet()) {
            cases.add(name, () -> {
                MemorySegment lease = under.allocator().allocate(under.smallest());
                MemorySegment view = wholeViews(lease).get(name);
                long leasedBefore = under.allocator().stats().leasedSegments();
                assertDoesNotThrow(() -> under.allocator().release(view), "a release through the view " + name);
                if (leasedBefore != AllocatorStats.UNKNOWN) {
                    StatsCheck.assertField("leasedSegments", leasedBefore - 1, under.allocator().stats().leasedSegments());
                }
                if (under.design().validatesReleases()) {
                    assertRefused(under, lease, SegmentOwnershipException.Kind.DOUBLE_RELEASE,
                            "the lease's own instance after the view " + name + " released it");
                }
            });
        }
        cases.runAll();
    }

    /**
     * Declaring that a view ends its lease hides no real bug: an offset-0 slice of another size, a
     * segment of the lease's address and size not derived from it, and a whole view of a lease
     * already released are still refused, and the live lease is intact.
     */
    @Test
    @SuppressWarnings("restricted") // a segment made from the lease's raw address: the forgery refused here
    void releaseThroughViewsStillRefusesWhatIsNotAWholeViewOfALiveLease() {
        Opened under = validating();
        assumeTrue(under.design().viewRelease() == ViewRelease.ENDS_LEASE, "design refuses views of a lease");
        int size = under.design().sizeClassesBytes().size() > 1 ? under.design().sizeClassesBytes().get(1)
                : under.smallest();
        MemorySegment mine = under.allocator().allocate(size);
        mine.set(ValueLayout.JAVA_LONG, 0, 9L);
        long smaller = size > under.smallest() ? under.smallest() : size / 2;
        Set<SegmentOwnershipException.Kind> refusals = EnumSet.allOf(SegmentOwnershipException.Kind.class);
        SubCases cases = SubCases.of("release(not a whole view of a live lease)");
        cases.add("an offset-0 slice of another size", () -> assertRefused(under, mine.asSlice(0, smaller),
                SegmentOwnershipException.Kind.FOREIGN, "an offset-0 slice of " + smaller + " B of a " + size + " B lease"));
        cases.add("the lease's address and size, not derived from it", () -> assertRefused(under,
                MemorySegment.ofAddress(mine.address()).reinterpret(size), refusals,
                "a segment made from the lease's raw address"));
        cases.add("a whole view of a released lease", () -> {
            MemorySegment old = under.allocator().allocate(size);
            MemorySegment view = old.asSlice(0);
            under.allocator().release(old);
            assertRefused(under, view, refusals, "a whole view of a lease already released");
        });
        cases.runAll();
        assertEquals(9L, mine.get(ValueLayout.JAVA_LONG, 0), "the owner still holds its lease");
        assertDoesNotThrow(() -> under.allocator().release(mine), "the owner's own release");
    }

    @Test
    void releaseOfNullChangesNothing() {
        Opened under = validating();
        under.allocator().allocate(under.smallest());
        AllocatorStats before = under.allocator().stats();
        try {
            under.allocator().release(null);
            assertTrue(under.design().rejectedRelease() == RejectedRelease.SILENT_NO_OP,
                    "release(null) returned normally, but the design declares rejectedRelease=TYPED_EXCEPTION");
        } catch (NullPointerException | IllegalArgumentException | SegmentOwnershipException expected) {
            // refused, as long as nothing changed
        }
        StatsCheck.assertUnchanged(before, under.allocator().stats(), "release(null)");
    }

    // ---- accounting ---------------------------------------------------------------------------------

    @Test
    void exhaustionHappensExactlyWhenTheDeclaredAccountingSaysSo() {
        Opened under = open(tight(4));
        Accounting accounting = under.design().accounting();
        assumeTrue(!(accounting instanceof Accounting.None), "design declares no budget");
        int size = under.largest();
        long expected = leasesUntilExhausted(accounting, size);
        List<MemorySegment> held = new ArrayList<>();
        AllocatorExhaustedException refused = null;
        while (refused == null && held.size() <= expected) {
            AllocatorStats before = under.allocator().stats();
            try {
                held.add(under.allocator().allocate(size));
            } catch (AllocatorExhaustedException exhausted) {
                refused = exhausted;
                StatsCheck.assertUnchanged(before, under.allocator().stats(), "a refused allocate");
            }
        }
        assertNotNull(refused, "the allocator leased " + held.size() + " segments of " + size
                + " B without refusing, beyond its declared " + accounting);
        assertEquals(expected, held.size(), "leases of " + size + " B before exhaustion under " + accounting);
        // Released segments wait in a declared quarantine, their memory still held: one more release
        // than it holds pushes one out and makes room.
        int releases = (int) Math.min(held.size(), under.design().quarantineSlices() + 1L);
        held.subList(0, releases).forEach(under.allocator()::release);
        if (releases == under.design().quarantineSlices() + 1) {
            assertDoesNotThrow(() -> under.allocator().allocate(size), "releases past the quarantine make room again");
        }
    }

    /**
     * Leases of {@code size} a fresh allocator grants before exhaustion: nothing was released, so
     * nothing is quarantined yet and the quarantine does not enter into it.
     */
    private static long leasesUntilExhausted(Accounting accounting, int size) {
        return switch (accounting) {
            case Accounting.ByteBudget bytes -> bytes.budgetBytes() / size;
            case Accounting.RegionsPerClass regions ->
                    (regions.budgetBytes() / regions.regionBytes()) * (regions.regionBytes() / size);
            case Accounting.None none -> Long.MAX_VALUE;
        };
    }

    @Test
    void fullyFreeRegionIsUnmappedToServeAnotherClass() {
        Opened under = open(tight(1));
        assumeTrue(under.design().unmapsFreeRegions(), "design does not unmap free regions");
        assumeTrue(under.design().quarantineSlices() == 0, "quarantined segments keep their region mapped");
        List<MemorySegment> small = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            small.add(under.allocator().allocate(under.smallest()));
        }
        small.forEach(under.allocator()::release);
        MemorySegment large = assertDoesNotThrow(() -> under.allocator().allocate(under.largest()),
                "the only region is free, so it must be unmapped to serve another class");
        if (under.design().zeroed()) {
            assertAllZero(large, "a segment from a remapped region");
        }
    }

    @Test
    void regionWithALeasedSegmentIsNeverUnmapped() {
        Opened under = open(tight(1));
        assumeTrue(under.design().accounting() instanceof Accounting.RegionsPerClass, "design maps no regions");
        MemorySegment held = under.allocator().allocate(under.smallest());
        held.set(ValueLayout.JAVA_LONG, 0, 42L);
        AllocatorStats before = under.allocator().stats();
        assertThrows(AllocatorExhaustedException.class, () -> under.allocator().allocate(under.largest()),
                "the only region holds a leased segment, so another class cannot be served");
        StatsCheck.assertUnchanged(before, under.allocator().stats(), "a refused allocate");
        assertEquals(42L, held.get(ValueLayout.JAVA_LONG, 0), "the held segment is still mapped and intact");
    }

    // ---- closed state and guard views: forked, a broken allocator may crash the JVM here ----------

    @Test
    void callsAfterCloseThrowIllegalStateAndCloseIsIdempotent() {
        Opened under = open();
        assumeTrue(under.design().closedState(), "design declares no closed state");
        MemorySegment segment = under.allocator().allocate(under.smallest());
        under.allocator().close();
        SubCases.of("a call after close()")
                .add("close() again", () -> assertDoesNotThrow(under.allocator()::close, "a second close()"))
                .add("allocate(" + under.smallest() + ")", () -> assertThrows(IllegalStateException.class,
                        () -> under.allocator().allocate(under.smallest()), "allocate after close()"))
                .add("release(a segment leased before close)", () -> assertThrows(IllegalStateException.class,
                        () -> under.allocator().release(segment), "release after close()"))
                .add("stats()", () -> assertThrows(IllegalStateException.class, under.allocator()::stats,
                        "stats() after close()"))
                .runAll();
    }

    @Test
    void segmentAccessAfterCloseThrowsInsteadOfCrashing() {
        assumeTrue(factory().design(settings()).closedState(), "design declares no closed state");
        ForkedCheck.run(factory(), settings(), ForkedChecks.ACCESS_AFTER_CLOSE);
    }

    @Test
    void accessThroughAReleasedSegmentThrows() {
        assumeTrue(factory().design(settings()).guardViews(), "design declares no guard views");
        ForkedCheck.run(factory(), settings(), ForkedChecks.ACCESS_AFTER_RELEASE);
    }

    @Test
    void closeRacingAllocateAndReleaseOnlyEverThrowsIllegalState() {
        assumeTrue(factory().design(settings()).closedState(), "design declares no closed state");
        ForkedCheck.run(factory(), settings(), ForkedChecks.CLOSE_RACING_USE);
    }

    // ---- concurrency --------------------------------------------------------------------------------

    @Test
    void concurrentAllocateAndReleaseNeverHandOneSegmentToTwoOwners() throws Exception {
        Opened under = open();
        int threads = 4;
        ConcurrentHashMap<Long, Integer> owners = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int owner = thread;
                results.add(pool.submit(() -> ownAndRelease(under, owners, start, owner, 3_000)));
            }
            for (Future<Integer> result : results) {
                assertEquals(3_000, result.get(50, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        StatsCheck.assertField("leasedSegments", 0, under.allocator().stats().leasedSegments());
    }

    private static int ownAndRelease(Opened under, ConcurrentHashMap<Long, Integer> owners, CyclicBarrier start,
            int owner, int iterations) throws Exception {
        List<Integer> classes = under.design().sizeClassesBytes();
        SplittableRandom random = new SplittableRandom(owner);
        start.await();
        for (int i = 0; i < iterations; i++) {
            MemorySegment segment = under.allocator().allocate(classes.get(random.nextInt(Math.min(3, classes.size()))));
            long last = segment.byteSize() - 8;
            assertNull(owners.putIfAbsent(segment.address(), owner),
                    "address 0x" + Long.toHexString(segment.address()) + " handed to two owners");
            if (under.design().zeroed()) {
                assertEquals(0L, segment.get(ValueLayout.JAVA_LONG, last), "not zeroed");
            }
            segment.set(ValueLayout.JAVA_LONG, 0, owner);
            segment.set(ValueLayout.JAVA_LONG, last, owner);
            assertEquals(owner, segment.get(ValueLayout.JAVA_LONG, 0), "another owner wrote into this lease");
            assertEquals(owner, segment.get(ValueLayout.JAVA_LONG, last), "another owner wrote into this lease");
            if (under.design().zeroed()) {
                segment.set(ValueLayout.JAVA_LONG, last, 0L);
            }
            owners.remove(segment.address());
            under.allocator().release(segment);
        }
        return iterations;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The allocator of {@link #settings()}; skips the test when its design never validates a release. */
    private Opened validating() {
        return validating(open());
    }

    private static Opened validating(Opened under) {
        assumeTrue(under.design().validatesReleases(), "design never validates a release (rejectedRelease="
                + under.design().rejectedRelease() + "): a release of anything but a live lease is the caller's bug");
        return under;
    }

    /** Every same-address, same-size view a caller can make of {@code lease}, by how it is made. */
    @SuppressWarnings("restricted") // reinterpret to the lease's own size: the view a caller can make
    private static Map<String, MemorySegment> wholeViews(MemorySegment lease) {
        Map<String, MemorySegment> views = new LinkedHashMap<>();
        views.put("asSlice(0)", lease.asSlice(0));
        views.put("asReadOnly()", lease.asReadOnly());
        views.put("reinterpret(byteSize())", lease.reinterpret(lease.byteSize()));
        return views;
    }

    /**
     * Settings for the reuse tests: guard mode off and regions of one largest-class segment, so an
     * oldest-first pool has few fresh slices queued ahead of the ones a test released.
     */
    protected AllocatorSettings reuseSettings() {
        long region = factory().design(settings()).maxClassBytes();
        return settings().withGuardMode(false).withRegionBytes(region);
    }

    /**
     * Settings with a budget of {@code regions} regions of one largest-class segment each, so budget
     * tests stay small; the design says what the allocator made of them.
     */
    protected AllocatorSettings tight(int regions) {
        long region = factory().design(settings()).maxClassBytes();
        return settings().withRegionBytes(region).withBudgetBytes(regions * region).withGuardMode(false);
    }

    /**
     * Leases segments of {@code size} until one has {@code address}, following no particular order
     * so the search works for every declared reuse order; releases the others. Null when the address
     * did not come back within the limit (or the budget ran out first).
     */
    private static MemorySegment findReuse(Opened under, int size, long address) {
        List<MemorySegment> others = new ArrayList<>();
        try {
            for (int i = 0; i < REUSE_SEARCH_LIMIT; i++) {
                MemorySegment segment = under.allocator().allocate(size);
                if (segment.address() == address) {
                    return segment;
                }
                others.add(segment);
            }
            return null;
        } catch (AllocatorExhaustedException exhausted) {
            return null;
        } finally {
            others.forEach(under.allocator()::release);
        }
    }

    /**
     * Checks a refused release the way the design signals it: a typed exception of {@code kind}
     * naming the address, or a normal return; either way with every stats field unchanged.
     */
    private static void assertRefused(Opened under, MemorySegment segment, SegmentOwnershipException.Kind kind,
            String what) {
        assertRefused(under, segment, EnumSet.of(kind), what);
    }

    /** Refused with one of {@code kinds} (typed design), or a silent no-op; either way nothing changes. */
    private static void assertRefused(Opened under, MemorySegment segment, Set<SegmentOwnershipException.Kind> kinds,
            String what) {
        AllocatorStats before = under.allocator().stats();
        if (under.design().rejectedRelease() == RejectedRelease.TYPED_EXCEPTION) {
            SegmentOwnershipException error = assertThrows(SegmentOwnershipException.class,
                    () -> under.allocator().release(segment), what + " must be refused with " + kinds);
            assertTrue(kinds.contains(error.kind()), what + ": " + error.kind() + " is not one of " + kinds + ": "
                    + error.getMessage());
            assertEquals(segment.address(), error.address(), what + ": the exception names the address");
        } else {
            assertDoesNotThrow(() -> under.allocator().release(segment),
                    what + ": the design declares a silent no-op");
        }
        StatsCheck.assertUnchanged(before, under.allocator().stats(), what);
    }

    /** Leases a few segments of {@code size} at once: no address may come twice (nothing was freed twice). */
    private static void assertNoTwoOwners(Opened under, int size) {
        List<MemorySegment> leased = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            leased.add(under.allocator().allocate(size));
        }
        assertNoOverlap(leased);
        leased.forEach(under.allocator()::release);
    }

    private static void assertNoOverlap(List<MemorySegment> segments) {
        List<MemorySegment> sorted = new ArrayList<>(segments);
        sorted.sort((left, right) -> Long.compare(left.address(), right.address()));
        for (int i = 1; i < sorted.size(); i++) {
            MemorySegment previous = sorted.get(i - 1);
            if (previous.address() + previous.byteSize() > sorted.get(i).address()) {
                fail("two live leases overlap at address=0x" + Long.toHexString(sorted.get(i).address()));
            }
        }
    }

    /** Fails naming the first non-zero offset. */
    protected static void assertAllZero(MemorySegment segment, String what) {
        long size = segment.byteSize();
        for (long offset = 0; offset + 8 <= size; offset += 8) {
            if (segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset) != 0) {
                fail(what + " is not all zero: offset=" + offset + " address=0x" + Long.toHexString(segment.address()));
            }
        }
        for (long offset = size & ~7L; offset < size; offset++) {
            if (segment.get(ValueLayout.JAVA_BYTE, offset) != 0) {
                fail(what + " is not all zero: offset=" + offset);
            }
        }
    }
}
