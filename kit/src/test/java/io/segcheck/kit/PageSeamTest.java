package io.segcheck.kit;

import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.api.SegmentOwnershipException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page seam's declaration and the observing allocator the page contract rests on. */
class PageSeamTest {

    private static final PageDesign.Resize RESIZE = new PageDesign.Resize(200, 65536, IllegalStateException.class);

    @Test
    void designRefusesAGrowthThatDoesNotGrowAndAnEmptyDeweyIdChoice() {
        IllegalArgumentException growth = assertThrows(IllegalArgumentException.class,
                () -> new PageDesign.Resize(100, 65536, IllegalStateException.class));
        assertTrue(growth.getMessage().contains("growthPercent=100"), growth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PageDesign.Resize(150, 65536, RuntimeException.class));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> PageDesign.builder(16, RESIZE).deweyIds(Set.of()).build());
        assertTrue(empty.getMessage().contains("deweyIds is empty"), empty.getMessage());
    }

    @Test
    void designDescribesItsSetsInEnumOrderAndGrowthStopsAtTheMaximum() {
        PageDesign design = PageDesign.builder(16, RESIZE)
                .deweyIds(Set.of(PageDesign.DeweyIds.SEPARATE, PageDesign.DeweyIds.NONE, PageDesign.DeweyIds.SHARED))
                .build();
        assertTrue(design.describe().contains("deweyIds=[NONE, SHARED, SEPARATE]"), design.describe());
        assertEquals(8192, RESIZE.leastGrownBytes(4096));
        assertEquals(65536, RESIZE.leastGrownBytes(49152));
    }

    @Test
    void loadingAClassThatIsNoPageFactorySaysSo() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> PageFactory.load("java.lang.String", getClass().getClassLoader()));
        assertTrue(wrong.getMessage().contains("does not implement io.segcheck.api.PageFactory"), wrong.getMessage());
    }

    @Test
    void aReleasedViewThrowsOnAccessAndASecondReleaseIsRecordedAndRefused() {
        try (OffHeapAllocator plain = new PlainAllocatorFactory().create(AllocatorSettings.roomy())) {
            ObservingAllocator observer = new ObservingAllocator(plain);
            MemorySegment lease = observer.allocate(100);
            assertEquals(4096, lease.byteSize());
            assertTrue(observer.isLeased(lease.asReadOnly()), "any view of the lease's memory names it");
            observer.release(lease);
            assertThrows(IllegalStateException.class, () -> lease.get(ValueLayout.JAVA_BYTE, 0));
            SegmentOwnershipException twice = assertThrows(SegmentOwnershipException.class, () -> observer.release(lease));
            assertEquals(SegmentOwnershipException.Kind.DOUBLE_RELEASE, twice.kind());
            assertEquals(List.of(OwnershipFinding.Kind.DOUBLE_RELEASE),
                    observer.violations().stream().map(OwnershipFinding::kind).toList());
            assertTrue(observer.liveLeases().isEmpty());
        }
    }

    @Test
    void theOracleNamesALeaseNobodyHoldsAndOneHeldTwice() {
        try (OffHeapAllocator plain = new PlainAllocatorFactory().create(AllocatorSettings.roomy())) {
            ObservingAllocator observer = new ObservingAllocator(plain);
            MemorySegment lease = observer.allocate(4096);
            assertEquals(OwnershipFinding.Kind.LEAK, PageOracle.check(observer, List.of()).orElseThrow().kind());
            List<PageOracle.Holder> twice = List.of(new PageOracle.Holder("a", List.of(lease)),
                    new PageOracle.Holder("b", List.of(lease.asReadOnly())));
            assertEquals(OwnershipFinding.Kind.SHARED_LEASE, PageOracle.check(observer, twice).orElseThrow().kind());
            observer.release(lease);
            List<PageOracle.Holder> stale = List.of(new PageOracle.Holder("a", List.of(lease)));
            assertEquals(OwnershipFinding.Kind.USE_AFTER_RELEASE, PageOracle.check(observer, stale).orElseThrow().kind());
            assertTrue(PageOracle.check(observer, List.of()).isEmpty());
        }
    }
}
