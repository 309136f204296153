package io.segcheck.kit;

import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The allocator segcheck puts in front of a page under check: it forwards to the allocator it wraps
 * and sees every lease and release, so a page's ownership is judged by what it did, not by what it
 * says. Every lease is handed out as a view of its own whose scope closes at release, so a read or a
 * write through a released segment throws {@link IllegalStateException} in the page instead of
 * touching memory someone else may own (whatever the wrapped allocator does on its own).
 *
 * <p>A release of a view that is not leased is recorded as a violation and refused the typed way
 * ({@link SegmentOwnershipException}), whatever the wrapped allocator's design: a page must never
 * release twice or release what it did not lease. Thread-safe.
 */
public final class ObservingAllocator extends ForwardingOffHeapAllocator {

    /** One lease: the view the page got, the segment the wrapped allocator leased, and the view's scope. */
    private record Lease(MemorySegment view, MemorySegment leased, Arena scope) {
    }

    private final Map<MemorySegment, Lease> live = new IdentityHashMap<>();
    private final Map<MemorySegment, Lease> released = new IdentityHashMap<>();
    private final List<OwnershipFinding> violations = new ArrayList<>();
    private volatile Consumer<MemorySegment> beforeRelease = released -> { };
    private long allocations;
    private long releases;

    public ObservingAllocator(OffHeapAllocator delegate) {
        super(delegate);
    }

    @Override
    @SuppressWarnings("restricted") // a view of a segment the wrapped allocator leased, of its own size
    public MemorySegment allocate(long bytes) {
        MemorySegment leased = delegate().allocate(bytes);
        Arena scope = Arena.ofShared();
        MemorySegment view = leased.reinterpret(scope, null);
        synchronized (this) {
            live.put(view, new Lease(view, leased, scope));
            allocations++;
        }
        return view;
    }

    @Override
    public void release(MemorySegment segment) {
        beforeRelease.accept(segment);
        Lease lease;
        synchronized (this) {
            lease = live.remove(segment);
            if (lease == null) {
                throw refuse(segment);
            }
            released.put(segment, lease);
            releases++;
        }
        // Closed before the memory goes back, so no access through the view can reach the next owner.
        lease.scope().close();
        delegate().release(lease.leased());
    }

    private SegmentOwnershipException refuse(MemorySegment segment) {
        boolean twice = segment != null && released.containsKey(segment);
        String what = (twice ? "a second release of " : "a release of a segment this page never leased: ")
                + describe(segment);
        violations.add(new OwnershipFinding(twice ? OwnershipFinding.Kind.DOUBLE_RELEASE
                : OwnershipFinding.Kind.FOREIGN_RELEASE, what));
        return new SegmentOwnershipException(twice ? SegmentOwnershipException.Kind.DOUBLE_RELEASE
                : SegmentOwnershipException.Kind.FOREIGN, segment == null ? 0 : segment.address(), what);
    }

    /**
     * Runs {@code check} on the releasing thread before every release is applied (the page is in
     * the middle of its own call): how a checker sees whether a resize published first.
     *
     * @return the check this one replaces, to put back afterwards
     */
    public Consumer<MemorySegment> beforeEveryRelease(Consumer<MemorySegment> check) {
        Consumer<MemorySegment> previous = beforeRelease;
        this.beforeRelease = check;
        return previous;
    }

    /** Records a violation a checker saw through this allocator (e.g. from {@link #beforeEveryRelease}). */
    public synchronized void recordViolation(OwnershipFinding violation) {
        violations.add(violation);
    }

    /** Everything that went wrong so far, oldest first. */
    public synchronized List<OwnershipFinding> violations() {
        return List.copyOf(violations);
    }

    /** The views leased and not yet released, in no particular order. */
    public synchronized List<MemorySegment> liveLeases() {
        return List.copyOf(live.keySet());
    }

    /** True when {@code segment} (any view) has the address and size of a live lease. */
    public synchronized boolean isLeased(MemorySegment segment) {
        return live.keySet().stream().anyMatch(view -> sameMemory(view, segment));
    }

    public synchronized long allocations() {
        return allocations;
    }

    public synchronized long releases() {
        return releases;
    }

    /** True when {@code left} and {@code right} are views of the same memory: same address, same size. */
    public static boolean sameMemory(MemorySegment left, MemorySegment right) {
        return left.address() == right.address() && left.byteSize() == right.byteSize();
    }

    /** Address and size, for messages. */
    public static String describe(MemorySegment segment) {
        return segment == null ? "null" : "0x" + Long.toHexString(segment.address()) + "+" + segment.byteSize();
    }
}
