package io.segcheck.examples.freelist;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;

import java.util.List;

/**
 * {@link FreeListPoolAllocator} as declared to segcheck: five classes, oldest-first reuse, no
 * zeroing, a silent no-op on a release it does not recognise, chunks per class under a byte budget
 * (never given back), a closed state; no quarantine and no per-lease views.
 */
public class FreeListPoolFactory implements AllocatorFactory {

    static final List<Integer> CLASSES = List.of(4096, 8192, 16384, 65536, 262144);

    private final boolean plantedBug;

    public FreeListPoolFactory() {
        this(false);
    }

    protected FreeListPoolFactory(boolean plantedBug) {
        this.plantedBug = plantedBug;
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return new FreeListPoolAllocator(CLASSES, chunkBytes(settings), settings.budgetBytes(), plantedBug);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return AllocatorDesign.builder(CLASSES)
                .reuseOrder(AllocatorDesign.ReuseOrder.FIFO)
                .zeroed(false)
                .rejectedRelease(AllocatorDesign.RejectedRelease.SILENT_NO_OP)
                .accounting(new AllocatorDesign.Accounting.RegionsPerClass(chunkBytes(settings), settings.budgetBytes()))
                .closedState(true)
                .build();
    }

    /** The chunk size: the requested region size, but never smaller than the largest class. */
    private static long chunkBytes(AllocatorSettings settings) {
        return Math.max(settings.regionBytes(), CLASSES.getLast());
    }

    /** The same pool with its planted bug switched on. */
    public static final class PlantedBug extends FreeListPoolFactory {
        public PlantedBug() {
            super(true);
        }
    }
}
