package io.segcheck.api;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * An allocator that forwards every call to another: the base for decorators that watch or change
 * one call (a recorder of leases, a deliberately broken allocator in a test) and forward the rest.
 */
public abstract class ForwardingOffHeapAllocator implements OffHeapAllocator {

    private final OffHeapAllocator delegate;

    protected ForwardingOffHeapAllocator(OffHeapAllocator delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The allocator every call goes to. */
    protected final OffHeapAllocator delegate() {
        return delegate;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        return delegate.allocate(bytes);
    }

    @Override
    public void release(MemorySegment segment) {
        delegate.release(segment);
    }

    @Override
    public AllocatorStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
