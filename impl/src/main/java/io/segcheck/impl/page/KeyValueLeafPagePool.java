package io.segcheck.impl.page;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.Faults;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates pages on demand from freshly allocated segments and retires them. One pool per
 * allocator; no pre-allocation (the allocator already pools slices). Thread-safe.
 *
 * <p>Counters: {@link #pagesBorrowed()} counts successful borrows; {@link #pagesReturned()} counts
 * {@link #returnPage} calls that retired a live page (its segments went back at once, or will when
 * its last guard closes). Direct {@link KeyValueLeafPage#returnSegmentsToAllocator()} calls and
 * repeated returns are not counted.
 */
public final class KeyValueLeafPagePool {

    /** Pages per size class that the historic pool pre-allocated. */
    static final int PREALLOCATED_PAGES_PER_CLASS = 100;

    private final OffHeapAllocator allocator;
    private final Defects defects;
    private final Faults faults;
    private final Queue<KeyValueLeafPage> idlePages = new ConcurrentLinkedQueue<>();
    private final AtomicLong pagesBorrowed = new AtomicLong();
    private final AtomicLong pagesReturned = new AtomicLong();

    public KeyValueLeafPagePool(OffHeapAllocator allocator, Defects defects) {
        this(allocator, defects, Faults.none());
    }

    /** A pool whose pages' fault sites (mid-resize failures) ask {@code faults}; for simulation. */
    public KeyValueLeafPagePool(OffHeapAllocator allocator, Defects defects, Faults faults) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.defects = Objects.requireNonNull(defects, "defects");
        this.faults = Objects.requireNonNull(faults, "faults");
        if (defects.isEnabled(Defect.PREALLOCATED_POOL_LEAK)) {
            // DEFECT(PREALLOCATED_POOL_LEAK): 7 classes x 100 pages x 2 segments that borrowPage never uses.
            preallocateIdlePages();
        }
    }

    /** A pool with every defect fixed. */
    public KeyValueLeafPagePool(OffHeapAllocator allocator) {
        this(allocator, Defects.none());
    }

    /**
     * A new LIVE page with 0 guards: a slot segment of the class that holds {@code slotBytes} and,
     * when {@code deweyIdsStored}, a separate 4 KiB DeweyID segment; otherwise one shared segment.
     *
     * @throws IllegalArgumentException when {@code slotBytes} is outside 1..262144 (from the allocator)
     * @throws io.segcheck.api.AllocatorExhaustedException when the budget is spent; nothing leaks
     */
    public KeyValueLeafPage borrowPage(long recordPageKey, int revision, long slotBytes, boolean deweyIdsStored) {
        PageOwnership ownership = PageOwnership.acquireAtBorrow(allocator, defects, faults, slotBytes,
                SizeClass.MIN_BYTES, deweyIdsStored);
        pagesBorrowed.incrementAndGet();
        return new KeyValueLeafPage(recordPageKey, revision, ownership, deweyIdsStored);
    }

    /**
     * Retires {@code page}: with open guards it becomes ORPHANED and its segments go back when the
     * last guard closes; otherwise they go back now. Idempotent: a returned or orphaned page is left alone.
     *
     * @throws IllegalArgumentException when the page's segments come from another allocator
     */
    public void returnPage(KeyValueLeafPage page) {
        Objects.requireNonNull(page, "page");
        if (page.allocator() != allocator) {
            throw new IllegalArgumentException("page belongs to another allocator: " + page);
        }
        if (page.ownership().retire()) {
            pagesReturned.incrementAndGet();
        }
    }

    /**
     * {@link #returnPage} while the page is still in life {@code life}; false, with nothing done,
     * once that life ended elsewhere (the page was returned and reset for another owner). The
     * check and the return are one step under the page's lock.
     */
    public boolean returnPageOfLife(KeyValueLeafPage page, long life) {
        Objects.requireNonNull(page, "page");
        page.ownership().lock().lock();
        try {
            if (page.life() != life) {
                return false;
            }
            returnPage(page);
            return true;
        } finally {
            page.ownership().lock().unlock();
        }
    }

    /**
     * Runs {@code decision} with {@code page}'s lock held, so what it decides about the page and
     * what it does to it ({@link #returnPageOfLife} inside takes the same lock again) are one step
     * against every other edge of the page. For a removal listener that must decide and return
     * while no put of the page can come between.
     */
    public <T> T decideUnderPageLock(KeyValueLeafPage page, Supplier<T> decision) {
        Objects.requireNonNull(decision, "decision");
        page.ownership().lock().lock();
        try {
            return decision.get();
        } finally {
            page.ownership().lock().unlock();
        }
    }

    /** Returns the segments of idle pages the pool itself holds; borrowed pages are not touched. */
    public void clearAllPagePools() {
        if (defects.isEnabled(Defect.PREALLOCATED_POOL_LEAK)) {
            // DEFECT(PREALLOCATED_POOL_LEAK): the pre-allocated pages are dropped, never returned.
            idlePages.clear();
            return;
        }
        for (KeyValueLeafPage page = idlePages.poll(); page != null; page = idlePages.poll()) {
            page.returnSegmentsToAllocator();
        }
    }

    public long pagesBorrowed() {
        return pagesBorrowed.get();
    }

    public long pagesReturned() {
        return pagesReturned.get();
    }

    /** Pages the pool holds unused (always 0 unless PREALLOCATED_POOL_LEAK is on). */
    public int idlePageCount() {
        return idlePages.size();
    }

    public OffHeapAllocator allocator() {
        return allocator;
    }

    public Defects defects() {
        return defects;
    }

    /** The fault hook of this pool's world; {@link Faults#none()} outside simulation. */
    public Faults faults() {
        return faults;
    }

    private void preallocateIdlePages() {
        for (int sizeBytes : SizeClass.sizesBytes()) {
            for (int page = 0; page < PREALLOCATED_PAGES_PER_CLASS; page++) {
                PageOwnership ownership = PageOwnership.acquireAtBorrow(allocator, defects, faults, sizeBytes, sizeBytes, true);
                idlePages.add(new KeyValueLeafPage(-1, -1, ownership, true));
            }
        }
    }
}
