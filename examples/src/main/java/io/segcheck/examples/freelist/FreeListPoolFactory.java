package io.segcheck.examples.freelist;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import io.segcheck.examples.freelist.FreeListPoolAllocator.Bug;
import io.segcheck.examples.freelist.FreeListPoolAllocator.Variant;

import java.util.List;

/**
 * {@link FreeListPoolAllocator} as declared to segcheck: five classes, oldest-first reuse, no
 * zeroing, a silent no-op on a release it does not recognise, chunks per class under a byte budget
 * (never given back), a closed state; no quarantine and no per-lease views.
 *
 * <p>Its allocator properties (what the pool would read from system properties) choose a
 * {@link Variant}, and the design follows them:
 * <ul>
 *   <li>{@value #VALIDATE_RELEASES}{@code =false}: releases are trusted, never checked
 *       ({@code rejectedRelease=NOT_VALIDATED});</li>
 *   <li>{@value #SERVE_OVERSIZE}{@code =true}: a request above the largest class gets an arena of
 *       its own ({@code oversizeRequests=SERVED_OUTSIDE_CLASSES});</li>
 *   <li>{@value #ASSERT_SIZES}{@code =true}: sizes are checked with {@code assert}
 *       ({@code badSizeSignal=ASSERTION_ERROR}).</li>
 * </ul>
 */
public class FreeListPoolFactory implements AllocatorFactory {

    /** Allocator property: {@code false} to trust every release. */
    public static final String VALIDATE_RELEASES = "freelist.validateReleases";
    /** Allocator property: {@code true} to serve requests above the largest class. */
    public static final String SERVE_OVERSIZE = "freelist.serveOversize";
    /** Allocator property: {@code true} to check sizes with {@code assert}. */
    public static final String ASSERT_SIZES = "freelist.assertSizes";

    static final List<Integer> CLASSES = List.of(4096, 8192, 16384, 65536, 262144);

    private final Bug bug;

    public FreeListPoolFactory() {
        this(Bug.NONE);
    }

    protected FreeListPoolFactory(Bug bug) {
        this.bug = bug;
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return create(settings, Probes.none());
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings, Probes probes) {
        return new FreeListPoolAllocator(CLASSES, chunkBytes(settings), settings.budgetBytes(), variant(settings), bug,
                probes);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        Variant variant = variant(settings);
        return AllocatorDesign.builder(CLASSES)
                .reuseOrder(AllocatorDesign.ReuseOrder.FIFO)
                .zeroed(false)
                .rejectedRelease(variant.validatesReleases() ? AllocatorDesign.RejectedRelease.SILENT_NO_OP
                        : AllocatorDesign.RejectedRelease.NOT_VALIDATED)
                .accounting(new AllocatorDesign.Accounting.RegionsPerClass(chunkBytes(settings), settings.budgetBytes()))
                .closedState(true)
                .oversizeRequests(variant.servesOversize() ? AllocatorDesign.OversizeRequests.SERVED_OUTSIDE_CLASSES
                        : AllocatorDesign.OversizeRequests.REFUSED)
                .badSizeSignal(variant.assertsSizes() ? AllocatorDesign.BadSizeSignal.ASSERTION_ERROR
                        : AllocatorDesign.BadSizeSignal.ILLEGAL_ARGUMENT)
                .build();
    }

    @Override
    public List<String> markNames() {
        return List.of(FreeListPoolAllocator.MARK_LAST_CHUNK, FreeListPoolAllocator.MARK_QUEUE_EMPTIED);
    }

    @Override
    public List<String> faultSiteNames() {
        return List.of(FreeListPoolAllocator.FAULT_CARVE);
    }

    private static Variant variant(AllocatorSettings settings) {
        return new Variant(settings.booleanProperty(VALIDATE_RELEASES, true),
                settings.booleanProperty(SERVE_OVERSIZE, false), settings.booleanProperty(ASSERT_SIZES, false));
    }

    /** The chunk size: the requested region size, but never smaller than the largest class. */
    private static long chunkBytes(AllocatorSettings settings) {
        return Math.max(settings.regionBytes(), CLASSES.getLast());
    }

    /** The same pool with its address-only release planted (the ABA mistake). */
    public static final class PlantedBug extends FreeListPoolFactory {
        public PlantedBug() {
            super(Bug.ADDRESS_ONLY_RELEASE);
        }
    }

    /** The same pool planted with a missing size check: no request is ever refused for its size. */
    public static final class PlantedMissingSizeCheck extends FreeListPoolFactory {
        public PlantedMissingSizeCheck() {
            super(Bug.MISSING_SIZE_CHECK);
        }
    }

    /** The same pool planted with a failed carve still counted as a lease: found only with its fault site armed. */
    public static final class PlantedFailedCarveCounted extends FreeListPoolFactory {
        public PlantedFailedCarveCounted() {
            super(Bug.FAILED_CARVE_COUNTED);
        }
    }

    /** The same pool planted with an allocate that still hands out free slices after close. */
    public static final class PlantedAllocateAfterClose extends FreeListPoolFactory {
        public PlantedAllocateAfterClose() {
            super(Bug.ALLOCATE_AFTER_CLOSE);
        }
    }
}
