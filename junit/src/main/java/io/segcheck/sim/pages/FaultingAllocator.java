package io.segcheck.sim.pages;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.MemorySegment;

/**
 * The simulator's allocation fault site, under segcheck's observing allocator: when armed, the
 * n-th allocation from then on throws {@link AllocatorExhaustedException} before the allocator
 * under it is asked, so the observer sees no lease. A page whose resize fails this way must stay
 * intact and keep nothing it took before the failure. Armed per step by the step's own argument,
 * so a replay fails the very same allocation.
 */
final class FaultingAllocator extends ForwardingOffHeapAllocator {

    /** Allocations left before the failing one; 0 when disarmed. */
    private int countdown;
    private AllocatorExhaustedException injected;

    FaultingAllocator(OffHeapAllocator delegate) {
        super(delegate);
    }

    /** The {@code nth} allocation from now fails (1 the next one); 0 disarms. */
    void arm(int nth) {
        countdown = Math.max(0, nth);
        injected = null;
    }

    void disarm() {
        countdown = 0;
    }

    /** True when {@code failure} is (or was caused by) the failure this allocator injected in the armed step. */
    boolean injected(Throwable failure) {
        for (Throwable cause = failure; cause != null && injected != null; cause = cause.getCause()) {
            if (cause == injected) {
                return true;
            }
        }
        return false;
    }

    /** Whether the armed step's failure fired. */
    boolean fired() {
        return injected != null;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        if (countdown > 0 && --countdown == 0) {
            injected = new AllocatorExhaustedException((int) Math.min(Integer.MAX_VALUE, bytes), 0, 0, 0);
            throw injected;
        }
        return super.allocate(bytes);
    }
}
