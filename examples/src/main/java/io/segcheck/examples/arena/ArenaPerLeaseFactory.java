package io.segcheck.examples.arena;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import io.segcheck.examples.arena.ArenaPerLeaseAllocator.Bug;

import java.util.List;

/**
 * {@link ArenaPerLeaseAllocator} as declared to segcheck: four classes, always zeroed, typed
 * rejection, leased bytes under a byte budget, a closed state and per-lease views (the arena
 * closes on release); no reuse order, no quarantine, no regions. With the allocator property
 * {@value #RELEASE_THROUGH_VIEWS}{@code =true} a release through a whole view of a live lease ends
 * it ({@code viewRelease=ENDS_LEASE}).
 */
public class ArenaPerLeaseFactory implements AllocatorFactory {

    /** Allocator property: {@code true} to accept a release through a whole view of a live lease. */
    public static final String RELEASE_THROUGH_VIEWS = "arena.releaseThroughViews";

    static final List<Integer> CLASSES = List.of(4096, 16384, 65536, 262144);

    private final Bug bug;

    public ArenaPerLeaseFactory() {
        this(Bug.NONE);
    }

    protected ArenaPerLeaseFactory(Bug bug) {
        this.bug = bug;
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return create(settings, Probes.none());
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings, Probes probes) {
        return new ArenaPerLeaseAllocator(CLASSES, settings.budgetBytes(), releaseThroughViews(settings), bug, probes);
    }

    @Override
    public List<String> markNames() {
        return List.of(ArenaPerLeaseAllocator.MARK_BUDGET_NEARLY_SPENT);
    }

    /** Whether views end leases: the property, always on for the planted offset-0 bug (it lives there). */
    private boolean releaseThroughViews(AllocatorSettings settings) {
        return bug == Bug.OFFSET_ZERO_SLICE || settings.booleanProperty(RELEASE_THROUGH_VIEWS, false);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(CLASSES)
                .zeroed(true)
                .rejectedRelease(AllocatorDesign.RejectedRelease.TYPED_EXCEPTION)
                .accounting(new AllocatorDesign.Accounting.ByteBudget(settings.budgetBytes()))
                .closedState(true)
                .guardViews(true)
                .viewRelease(releaseThroughViews(settings) ? AllocatorDesign.ViewRelease.ENDS_LEASE
                        : AllocatorDesign.ViewRelease.REFUSED)
                .build();
    }

    /** The same allocator with its budget leak planted. */
    public static final class PlantedBug extends ArenaPerLeaseFactory {
        public PlantedBug() {
            super(Bug.BUDGET_LEAK);
        }
    }

    /** Views accepted, with the size of a view not compared: an offset-0 sub-slice frees the whole lease. */
    public static final class PlantedOffsetZeroSlice extends ArenaPerLeaseFactory {
        public PlantedOffsetZeroSlice() {
            super(Bug.OFFSET_ZERO_SLICE);
        }
    }
}
