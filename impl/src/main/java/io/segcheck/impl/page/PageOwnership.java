package io.segcheck.impl.page;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.model.fault.FaultSite;
import io.segcheck.model.fault.Faults;
import io.segcheck.model.fault.InjectedFault;
import io.segcheck.impl.defect.Mark;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every place where a page's segments change owner, in one class, each method named after its
 * edge and checking its source state on entry:
 *
 * <pre>
 *  edge                         from            to          allocator calls
 *  acquireAtBorrow              (new page)      LIVE        allocate slot [+ allocate DeweyID]
 *  acquireAtReset               RETURNED        LIVE        none (segments are handed in)
 *  swapAtResize                 LIVE|ORPHANED   same        allocate new, copy, publish, release old
 *  releaseAtReturn              LIVE|ORPHANED   RETURNED    release slot [+ release DeweyID]
 *  retire (unguarded)           LIVE            RETURNED    as releaseAtReturn
 *  retire (guarded)             LIVE            ORPHANED    none
 *  openGuard                    LIVE            LIVE        none (guards + 1)
 *  closeGuard (not last/live)   LIVE|ORPHANED   same        none (guards - 1)
 *  closeGuard (last, orphan)    ORPHANED        RETURNED    as releaseAtReturn
 * </pre>
 *
 * <p>Thread safety: one lock per page guards the fields and every edge, and the page holds the
 * same lock while it reads or writes segment memory, so a return can never free memory that a
 * read is copying. The defect branches deliberately step outside this (marked {@code DEFECT}).
 *
 * <p>Guard mode: the allocator may give every lease its own view whose scope closes on release,
 * so this class keeps and releases exactly the instance it was given (after a resize, the new one).
 */
final class PageOwnership {

    private final OffHeapAllocator allocator;
    private final Defects defects;
    private final Faults faults;
    private final ReentrantLock lock = new ReentrantLock();

    // Written under the lock; volatile because the RETURN_NOT_IDEMPOTENT branch reads without it.
    private volatile MemorySegment slotMemory;
    private volatile MemorySegment deweyIdMemory;
    private volatile PageStatus state;
    private int guardCount;
    /**
     * Which life of the page this is: 0 at borrow, +1 at every resetForReuse. A guard belongs to
     * the life it was opened in; closing a guard of an earlier life must not count against the
     * guards of the current one (that would let the current life's orphan be returned while one
     * of its guards is still open).
     */
    private volatile long life; // volatile: a cache's put reads it without the lock (PageCache.put)
    /**
     * Segments of the returned life whose release the allocator refused (it threw), kept so a
     * repeated return gives them back; null when none. Lock held. (The page used to turn RETURNED
     * and forget them, so a failed release leaked them silently and a retry was ignored.)
     */
    private List<MemorySegment> refusedReleases;

    private PageOwnership(OffHeapAllocator allocator, Defects defects, Faults faults, MemorySegment slotMemory,
                          MemorySegment deweyIdMemory) {
        this.allocator = allocator;
        this.defects = defects;
        this.faults = faults;
        this.slotMemory = slotMemory;
        this.deweyIdMemory = deweyIdMemory;
        this.state = PageStatus.LIVE;
    }

    /**
     * Edge (new page) -> LIVE: leases the slot segment and, when DeweyIDs are stored, a separate
     * DeweyID segment of the smallest class; otherwise one segment serves both (shared). When the
     * second allocation fails (an exception or an error), the first segment goes back before it propagates.
     */
    static PageOwnership acquireAtBorrow(OffHeapAllocator allocator, Defects defects, Faults faults, long slotBytes,
                                         long deweyIdBytes, boolean deweyIdsStored) {
        MemorySegment slotMemory = allocator.allocate(slotBytes);
        if (!deweyIdsStored) {
            return new PageOwnership(allocator, defects, faults, slotMemory, slotMemory);
        }
        MemorySegment deweyIdMemory;
        try {
            deweyIdMemory = allocator.allocate(deweyIdBytes);
        } catch (RuntimeException | Error allocationFailure) {
            // Error too: a failing mmap (ENOMEM, vm.max_map_count) reports an OutOfMemoryError;
            // catching only RuntimeException leaked the slot segment (found by the simulator's MAP site).
            defects.mark(Mark.BORROW_ROLLED_BACK);
            allocator.release(slotMemory);
            throw allocationFailure;
        }
        return new PageOwnership(allocator, defects, faults, slotMemory, deweyIdMemory);
    }

    /** Edge RETURNED -> LIVE: the page takes ownership of the given segments (shared when the same instance). */
    void acquireAtReset(MemorySegment newSlotMemory, MemorySegment newDeweyIdMemory, String pageName) {
        lock.lock();
        try {
            if (state != PageStatus.RETURNED) {
                throw new IllegalStateException("resetForReuse needs a returned page: " + pageName
                        + " state=" + state + " guards=" + guardCount);
            }
            if (refusedReleases != null) {
                throw new IllegalStateException("resetForReuse needs a page whose segments all went back: " + pageName
                        + " refusedReleases=" + refusedReleases.size() + " (return it again first)");
            }
            slotMemory = newSlotMemory;
            deweyIdMemory = newDeweyIdMemory;
            guardCount = 0;
            life++;
            defects.mark(Mark.PAGE_REUSED);
            state = PageStatus.LIVE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Edge resize (state unchanged): allocate {@code newBytes}, copy the first {@code copyBytes},
     * publish the new segment in the field (both fields when shared), THEN release the old one,
     * so no field ever refers to a released segment. Caller holds the lock. When allocate throws,
     * nothing has changed.
     *
     * @return the new segment of the resized area
     */
    MemorySegment swapAtResize(boolean deweyIdArea, long newBytes, long copyBytes) {
        assert lock.isHeldByCurrentThread();
        checkOwnsSegments("resize");
        MemorySegment old = deweyIdArea ? deweyIdMemory : slotMemory;
        MemorySegment fresh;
        try {
            fresh = allocator.allocate(newBytes);
        } catch (AllocatorExhaustedException exhausted) {
            defects.mark(Mark.RESIZE_EXHAUSTED_PAGE_INTACT);
            throw exhausted;
        }
        try {
            if (faults.fire(FaultSite.RESIZE_AFTER_ALLOCATE)) {
                throw new InjectedFault(FaultSite.RESIZE_AFTER_ALLOCATE, "resize failed after allocating");
            }
            MemorySegment.copy(old, 0, fresh, 0, copyBytes);
            if (faults.fire(FaultSite.RESIZE_AFTER_COPY)) {
                throw new InjectedFault(FaultSite.RESIZE_AFTER_COPY, "resize failed after copying");
            }
        } catch (RuntimeException | Error failure) {
            // Nothing is published yet: the new segment goes back and the page stays as it was
            // (without this the new segment leaked: found by the simulator's RESIZE_* sites).
            allocator.release(fresh);
            throw failure;
        }
        boolean shared = slotMemory == deweyIdMemory;
        defects.mark(shared ? Mark.RESIZE_SHARED_SEGMENT : null);
        if (deweyIdArea) {
            deweyIdMemory = fresh;
        } else {
            slotMemory = fresh;
        }
        if (shared && !defects.isEnabled(Defect.RESIZE_SHARED_DANGLING)) {
            slotMemory = fresh;
            deweyIdMemory = fresh;
        }
        // DEFECT(RESIZE_SHARED_DANGLING): when enabled, a shared segment's other field keeps `old`,
        // which is released just below; the page's later return releases it a second time.
        allocator.release(old);
        return fresh;
    }

    /**
     * Edge LIVE|ORPHANED -> RETURNED: releases the slot segment and, when separate, the DeweyID
     * segment, exactly once under any number of repeated or concurrent calls. Later calls do nothing.
     *
     * @return true when this call released the segments
     */
    boolean releaseAtReturn() {
        if (defects.isEnabled(Defect.RETURN_NOT_IDEMPOTENT)) {
            // DEFECT(RETURN_NOT_IDEMPOTENT): no returned-flag check and no lock, as before the fix;
            // every call releases again and racing calls release twice.
            state = PageStatus.RETURNED;
            releaseSegments();
            return true;
        }
        lock.lock();
        try {
            if (state == PageStatus.RETURNED) {
                if (refusedReleases != null) {
                    return retryRefusedReleases();
                }
                defects.mark(Mark.RETURN_REPEATED_IGNORED);
                return false;
            }
            // RETURNED before the releases: nothing may read a segment once its release has begun.
            state = PageStatus.RETURNED;
            releaseSegments();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Releases again what the allocator refused at the return; true when all of it went back now. Lock held. */
    private boolean retryRefusedReleases() {
        List<MemorySegment> pending = refusedReleases;
        refusedReleases = null;
        releaseAll(pending);
        return true;
    }

    /**
     * Guard-aware return ("retire"): LIVE with guards -> ORPHANED (segments follow at the last
     * guard close); LIVE without guards -> RETURNED; ORPHANED or RETURNED: nothing.
     *
     * @return true when this call retired a live page
     */
    boolean retire() {
        lock.lock();
        try {
            if (state == PageStatus.LIVE && guardCount > 0) {
                defects.mark(Mark.RETIRE_ORPHANED_GUARDED_PAGE);
                state = PageStatus.ORPHANED;
                return true;
            }
            boolean returnAgain = state == PageStatus.RETURNED && defects.isEnabled(Defect.RETURN_NOT_IDEMPOTENT);
            // DEFECT(RETURN_NOT_IDEMPOTENT): when enabled, a returned page goes to the unprotected
            // return again, as the historic pool delegated straight to it.
            if (state != PageStatus.LIVE && !returnAgain) {
                return false;
            }
            if (!defects.isEnabled(Defect.RETIRE_RELEASES_OUTSIDE_LOCK)) {
                // Still under the lock: a guard opened between the check above and the release would
                // read memory that is already released (found by JCStress Page_04_RetireVsGuard).
                return releaseAtReturn();
            }
        } finally {
            lock.unlock();
        }
        // DEFECT(RETIRE_RELEASES_OUTSIDE_LOCK): decided "no guard" under the lock, releases after it.
        return releaseAtReturn();
    }

    /**
     * The current life: 0 at borrow, one more at every resetForReuse. Read without the lock: a
     * cache's put reads it under its key lock, which the removal listener takes inside this lock.
     * A reset writes the new life before the state LIVE, so a reader that sees LIVE after reading
     * the life sees a page live in at least that life.
     */
    long life() {
        return life;
    }

    /**
     * Edge LIVE -> LIVE with one more guard; throws when ORPHANED or RETURNED.
     *
     * @return the life the guard belongs to, to hand back to {@link #closeGuard}
     */
    long openGuard(String pageName) {
        lock.lock();
        try {
            if (state != PageStatus.LIVE) {
                throw new IllegalStateException("cannot guard a page that is not live: " + pageName
                        + " state=" + state + " guards=" + guardCount);
            }
            guardCount++;
            return life;
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #openGuard} but answers -1 instead of throwing when the page is not live. */
    long tryOpenGuard() {
        return tryOpenGuard(-1);
    }

    /**
     * Like {@link #tryOpenGuard()}, and also -1 when {@code expectedLife} (unless -1) is not the
     * current life: the check and the guard are one step under the lock, so a cache never guards a
     * later life of the page than the one it mapped.
     */
    long tryOpenGuard(long expectedLife) {
        lock.lock();
        try {
            if (state != PageStatus.LIVE || (expectedLife >= 0 && expectedLife != life)) {
                return -1;
            }
            guardCount++;
            return life;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One guard fewer; the last guard of an ORPHANED page returns its segments (edge ORPHANED ->
     * RETURNED). A guard of an earlier life (opened before a return and resetForReuse) changes nothing.
     */
    void closeGuard(long guardLife) {
        lock.lock();
        try {
            if (guardLife != life) {
                defects.mark(Mark.GUARD_OF_EARLIER_LIFE_IGNORED);
                return;
            }
            assert guardCount > 0 : "guardCount=" + guardCount;
            guardCount--;
            if (guardCount == 0 && state == PageStatus.ORPHANED) {
                defects.mark(Mark.ORPHAN_RETURNED_BY_LAST_GUARD);
                releaseAtReturn();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases both segments (the shared one once); the second release runs even if the first
     * throws, and then the first failure is thrown with the second suppressed.
     */
    private void releaseSegments() {
        MemorySegment slot = slotMemory;
        MemorySegment deweyId = deweyIdMemory;
        releaseAll(deweyId == slot ? List.of(slot) : List.of(slot, deweyId));
    }

    /**
     * Releases each segment even when an earlier one throws; those the allocator refused are kept
     * in {@link #refusedReleases} for the next return, and the first failure is thrown with the
     * rest suppressed.
     */
    private void releaseAll(List<MemorySegment> segments) {
        RuntimeException first = null;
        List<MemorySegment> refused = new ArrayList<>();
        for (MemorySegment segment : segments) {
            try {
                allocator.release(segment);
            } catch (RuntimeException failure) {
                refused.add(segment);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            if (!defects.isEnabled(Defect.RETURN_NOT_IDEMPOTENT)) {
                refusedReleases = refused; // the defect's unlocked path has no one to retry for
            }
            throw first;
        }
    }

    private void checkOwnsSegments(String action) {
        if (state == PageStatus.RETURNED) {
            throw new IllegalStateException(action + " on a returned page");
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    OffHeapAllocator allocator() {
        return allocator;
    }

    Defects defects() {
        return defects;
    }

    PageStatus state() {
        return state;
    }

    MemorySegment slotMemory() {
        return slotMemory;
    }

    MemorySegment deweyIdMemory() {
        return deweyIdMemory;
    }

    int guardCount() {
        lock.lock();
        try {
            return guardCount;
        } finally {
            lock.unlock();
        }
    }

    /** Segment bytes the page owns: slot plus DeweyID when separate; 0 once returned. */
    long ownedBytes() {
        lock.lock();
        try {
            if (state == PageStatus.RETURNED) {
                return 0;
            }
            MemorySegment slot = slotMemory;
            MemorySegment deweyId = deweyIdMemory;
            return slot.byteSize() + (deweyId == slot ? 0 : deweyId.byteSize());
        } finally {
            lock.unlock();
        }
    }
}
