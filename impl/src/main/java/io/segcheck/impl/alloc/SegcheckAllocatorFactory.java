package io.segcheck.impl.alloc;

import io.segcheck.model.fault.Faults;
import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;

import java.util.function.UnaryOperator;

/**
 * segcheck's own pooled allocator behind the public seam, so the runner, the CLI and the contract
 * kit reach it the same way they reach a user's allocator: {@code --allocator
 * io.segcheck.impl.alloc.SegcheckAllocatorFactory}.
 *
 * <p>Its design: seven power-of-two classes from 4 to 256 KiB, most-recently-released reuse, always
 * zeroed, typed rejection, regions per class under a byte budget with free regions unmapped under
 * pressure, a closed state; in guard mode also per-lease views and a FIFO quarantine.
 */
public final class SegcheckAllocatorFactory implements AllocatorFactory {

    private final Defects defects;
    /** Each allocator is used only by the thread that creates it: see {@link AllocatorConfig#oneThread}. */
    private final boolean oneThread;

    /** The fixed allocator. */
    public SegcheckAllocatorFactory() {
        this(Defects.none());
    }

    /** The allocator with {@code defects} switched back on (its design stays the fixed one it violates). */
    public SegcheckAllocatorFactory(Defects defects) {
        this(defects, false);
    }

    private SegcheckAllocatorFactory(Defects defects, boolean oneThread) {
        this.defects = defects;
        this.oneThread = oneThread;
    }

    /**
     * This factory for allocators that are each used only by the thread that creates them, as a
     * simulated world is (one thread builds, runs and closes it): their arenas are confined
     * ({@link AllocatorConfig#oneThread}), so worlds running side by side in one process do not
     * stop each other's thread on every guarded release and unmap. Same design, same behaviour for
     * that thread.
     */
    public SegcheckAllocatorFactory oneThreadEach() {
        return new SegcheckAllocatorFactory(defects, true);
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return SegmentAllocators.create(config(settings).withOneThread(oneThread), defects);
    }

    /** The allocator with its fault sites asking {@code faults}: the simulator's, one hook per world. */
    public OffHeapAllocator create(AllocatorSettings settings, Faults faults) {
        return SegmentAllocators.create(config(settings).withOneThread(oneThread), defects, faults);
    }

    /**
     * This factory with every allocator it creates passed through {@code wrap}, under the same design:
     * how a test plants a broken allocator behind segcheck's own to see an oracle catch it.
     */
    public AllocatorFactory wrapped(UnaryOperator<OffHeapAllocator> wrap) {
        SegcheckAllocatorFactory inner = this;
        return new AllocatorFactory() {
            @Override
            public OffHeapAllocator create(AllocatorSettings settings) {
                return wrap.apply(inner.create(settings));
            }

            @Override
            public AllocatorDesign design(AllocatorSettings settings) {
                return inner.design(settings);
            }

            @Override
            public String name() {
                return inner.name();
            }
        };
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        AllocatorConfig config = config(settings);
        return AllocatorDesign.builder(SizeClass.sizesBytes())
                .reuseOrder(AllocatorDesign.ReuseOrder.LIFO)
                .zeroed(true)
                .rejectedRelease(AllocatorDesign.RejectedRelease.TYPED_EXCEPTION)
                .quarantineSlices(config.guardMode() ? config.quarantineSlices() : 0)
                .accounting(new AllocatorDesign.Accounting.RegionsPerClass(config.regionBytes(), config.budgetBytes()))
                .unmapsFreeRegions(true)
                .closedState(true)
                .guardViews(config.guardMode())
                .build();
    }

    @Override
    public String name() {
        return "segcheck";
    }

    /** The impl configuration of {@code settings}; rejects a region size the pool cannot carve. */
    public AllocatorConfig config(AllocatorSettings settings) {
        return new AllocatorConfig(settings.budgetBytes(), settings.regionBytes(), settings.guardMode(),
                settings.quarantineSlices());
    }
}
