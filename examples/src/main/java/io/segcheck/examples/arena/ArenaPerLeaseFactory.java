package io.segcheck.examples.arena;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;

import java.util.List;

/**
 * {@link ArenaPerLeaseAllocator} as declared to segcheck: four classes, always zeroed, typed
 * rejection, leased bytes under a byte budget, a closed state and per-lease views (the arena
 * closes on release); no reuse order, no quarantine, no regions.
 */
public class ArenaPerLeaseFactory implements AllocatorFactory {

    static final List<Integer> CLASSES = List.of(4096, 16384, 65536, 262144);

    private final boolean plantedBug;

    public ArenaPerLeaseFactory() {
        this(false);
    }

    protected ArenaPerLeaseFactory(boolean plantedBug) {
        this.plantedBug = plantedBug;
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new ArenaPerLeaseAllocator(CLASSES, settings.budgetBytes(), plantedBug);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(CLASSES)
                .zeroed(true)
                .rejectedRelease(AllocatorDesign.RejectedRelease.TYPED_EXCEPTION)
                .accounting(new AllocatorDesign.Accounting.ByteBudget(settings.budgetBytes()))
                .closedState(true)
                .guardViews(true)
                .build();
    }

    /** The same allocator with its planted bug switched on. */
    public static final class PlantedBug extends ArenaPerLeaseFactory {
        public PlantedBug() {
            super(true);
        }
    }
}
