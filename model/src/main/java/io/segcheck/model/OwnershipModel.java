package io.segcheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executable ownership model: a plain, single-threaded mirror of the allocator, the page
 * pool, its pages and the page caches, which predicts the result or typed error of every call.
 *
 * <h2>How it is used</h2>
 * A caller (the lockstep binding, or Lincheck's sequential specification) calls
 * {@link #beginStep}, then the method mirroring the real call, and compares the returned
 * {@link Outcome} with what the real system did. Facts the model cannot know come in from outside:
 * the address and class of every lease, or an exhaustion ({@link GrantSource}); which cache
 * entries Caffeine evicted ({@link #observeRemoval}); and how many regions each class has mapped
 * after each allocation ({@link AllocatorModel#observeMappedRegions}), because the allocator's
 * unmapping of free regions decides whether a very late release of an old instance is refused
 * as FOREIGN. The model checks those facts are legal and records a {@link Violation} when they
 * are not; {@link #drainViolations} hands them out.
 *
 * <h2>Agreed semantics it encodes</h2>
 * <ol>
 *   <li>Every page operation checks {@link TransitionTable#allows} first; no edge means the call is
 *       predicted to fail with ILLEGAL_STATE and nothing changes.</li>
 *   <li>Errors of slot writes, in order: RETURNED page, slot outside 0..1023, null data, an entry
 *       larger than 262144 bytes (ILLEGAL_ARGUMENT), a page that would need more than 262144
 *       bytes (PAGE_FULL). DeweyID access on a shared page is ILLEGAL_STATE right after the
 *       RETURNED check (a state check, like it).</li>
 *   <li>Resize: {@code min(262144, max(2 * currentBytes, usedBytesAfterWrite))} is requested from
 *       the allocator (which rounds to a class); both fields move when shared; the old lease is
 *       released after; exhaustion leaves the page unchanged.</li>
 *   <li>{@code pool.returnPage} orphans a guarded page and returns an unguarded one; returning a
 *       returned or orphaned page does nothing. {@code pagesReturned} counts the {@code returnPage}
 *       calls (direct or from a cache removal) that retired a live page, whether it was returned at
 *       once or orphaned; the last guard of an orphan returns its segments without counting again.</li>
 *   <li>Only a live page (LIVE, CACHED, GUARDED) can be put in a cache; otherwise ILLEGAL_STATE.</li>
 *   <li>A guard opened before {@code resetForReuse} belongs to the page's earlier life: closing it
 *       later does not touch the reset page's guard count.</li>
 *   <li>A cache removal runs {@code returnPage} unless it is a same-instance re-put.</li>
 *   <li>A cache entry maps a key to the life of the page it was put in. Once that life ended
 *       elsewhere (returned directly or by another cache mapping the same page, then reset) the
 *       entry is dead: {@code getAndGuard} answers empty, its removal leaves the page alone. So
 *       "reset while cached" and "one page in two caches" are legal, and a key never yields a later
 *       owner's data.</li>
 *   <li>An entry weighs what its page owned when put (a re-put re-weighs it); the cache's weight is
 *       the sum and stays within its bound.</li>
 * </ol>
 */
public final class OwnershipModel {

    private final Journal journal = new Journal();
    private final AllocatorModel allocator;
    private final List<PageModel> pages = new ArrayList<>();
    private final List<GuardModel> guards = new ArrayList<>();
    private final List<CacheModel> caches = new ArrayList<>();
    private long pagesBorrowed;
    private long pagesReturned;
    /** Removals whose listener has not run yet, oldest first; empty while listeners run inline. */
    private final List<PendingRemoval> pendingRemovals = new ArrayList<>();
    private boolean listenersQueued;

    /**
     * An entry that left a cache while its removal listener waits on the cache's executor.
     *
     * @param life the page's life its entry was put in; the listener retires only that life
     */
    public record PendingRemoval(int cacheId, long key, int pageId, int life, String cause, int step) {

        PendingRemoval withCause(String newCause) {
            return new PendingRemoval(cacheId, key, pageId, life, newCause, step);
        }
    }

    public OwnershipModel(ModelConfig config, int cacheCount) {
        if (cacheCount < 0) {
            throw new IllegalArgumentException("cacheCount=" + cacheCount + " must be >= 0");
        }
        this.allocator = new AllocatorModel(config, journal);
        for (int id = 0; id < cacheCount; id++) {
            caches.add(new CacheModel(id));
        }
    }

    // ---------------------------------------------------------------- steps and violations

    /** Starts step {@code stepIndex}: violations and histories found from now on carry it. */
    public void beginStep(int stepIndex) {
        journal.step(stepIndex);
    }

    /** The violations found since the last call, in the order found. */
    public List<Violation> drainViolations() {
        return journal.drain();
    }

    // ---------------------------------------------------------------- allocator (raw leases)

    /** {@code allocator.allocate(bytes)} by a caller; the lease is RAW until handed to a page. */
    public Outcome<Lease> allocate(long bytes, GrantSource grants) {
        return allocator.lease(bytes, Owner.RAW, grants);
    }

    /** {@code allocator.release(instance)} of the instance of {@code lease}. */
    public Outcome<Object> release(Lease lease) {
        return allocator.release(lease);
    }

    /** {@code allocator.release(alias)} of a same-address, same-size view of {@code lease}'s instance. */
    public Outcome<Object> releaseAlias(Lease lease) {
        return allocator.releaseAlias(lease);
    }

    /** {@code allocator.release(x)} of a segment that no lease of this allocator produced. */
    public Outcome<Object> releaseForeign() {
        return Outcome.failed(ErrorKind.FOREIGN);
    }

    /** Compares the observed allocator counters with the model (LEAK, BUDGET, UNMAP_IN_USE). */
    public void checkAllocator(AllocatorSnapshot observed) {
        allocator.check(observed);
    }

    public AllocatorModel allocator() {
        return allocator;
    }

    // ---------------------------------------------------------------- pool

    /**
     * {@code pool.borrowPage}: a slot lease of {@code slotBytes} (rounded), plus a 4 KiB DeweyID
     * lease when stored; if the second fails the first is released and nothing leaks.
     */
    public Outcome<PageModel> borrowPage(long recordPageKey, int revision, long slotBytes, boolean deweyIdsStored,
            GrantSource grants) {
        int pageId = pages.size();
        Owner slotOwner = Owner.page(pageId, deweyIdsStored ? Owner.Role.SLOT : Owner.Role.SHARED);
        Outcome<Lease> slot = allocator.lease(slotBytes, slotOwner, grants);
        if (!slot.isOk()) {
            return slot.castFailure();
        }
        Lease dewey = slot.get();
        if (deweyIdsStored) {
            Outcome<Lease> separate = allocator.lease(SizeClasses.MIN_BYTES, Owner.page(pageId, Owner.Role.DEWEY), grants);
            if (!separate.isOk()) {
                allocator.releaseOwned(slot.get());
                return separate.castFailure();
            }
            dewey = separate.get();
        }
        PageModel page = new PageModel(pageId, recordPageKey, revision, slot.get(), dewey);
        pages.add(page);
        pagesBorrowed++;
        return Outcome.ok(page);
    }

    /** {@code pool.returnPage(page)}: guard-aware and idempotent. */
    public Outcome<Object> returnPage(int pageId) {
        PageModel page = page(pageId);
        PageState from = stateOf(page);
        retire(page);
        TransitionTable.requireEdge(from, Operation.RETIRE, stateOf(page));
        return Outcome.done();
    }

    /** {@code pool.clearAllPagePools()}: the fixed pool holds no idle pages, so nothing changes. */
    public Outcome<Object> clearAllPagePools() {
        return Outcome.done();
    }

    public long pagesBorrowed() {
        return pagesBorrowed;
    }

    public long pagesReturned() {
        return pagesReturned;
    }

    private void retire(PageModel page) {
        if (page.isReturned() || page.isOrphaned()) {
            return;
        }
        pagesReturned++;
        if (page.openGuards() > 0) {
            page.orphan();
            return;
        }
        returnSegmentsOf(page);
    }

    // ---------------------------------------------------------------- page

    /** {@code page.setSlot(slot, data)}. */
    public Outcome<Object> setSlot(int pageId, int slot, byte[] data, GrantSource grants) {
        return write(page(pageId), false, slot, data, grants);
    }

    /** {@code page.setDeweyId(slot, data)}. */
    public Outcome<Object> setDeweyId(int pageId, int slot, byte[] data, GrantSource grants) {
        return write(page(pageId), true, slot, data, grants);
    }

    /** {@code page.getSlot(slot)}: a copy, or null when empty. */
    public Outcome<byte[]> getSlot(int pageId, int slot) {
        return read(page(pageId), false, slot);
    }

    /** {@code page.getDeweyId(slot)}: a copy, or null when empty. */
    public Outcome<byte[]> getDeweyId(int pageId, int slot) {
        return read(page(pageId), true, slot);
    }

    private Outcome<byte[]> read(PageModel page, boolean dewey, int slot) {
        ErrorKind refused = accessError(page, dewey, slot, Operation.READ);
        if (refused != null) {
            return Outcome.failed(refused);
        }
        PageState from = stateOf(page);
        byte[] data = dewey ? page.deweyId(slot) : page.record(slot);
        TransitionTable.requireEdge(from, Operation.READ, stateOf(page));
        return Outcome.ok(data);
    }

    private Outcome<Object> write(PageModel page, boolean dewey, int slot, byte[] data, GrantSource grants) {
        ErrorKind refused = accessError(page, dewey, slot, Operation.WRITE);
        if (refused == null) {
            refused = dataError(page, dewey, slot, data);
        }
        if (refused != null) {
            return Outcome.failed(refused);
        }
        PageState from = stateOf(page);
        long usedAfter = usedAfterWrite(page, dewey, slot, data);
        if (usedAfter > page.lease(dewey).classBytes()) {
            Outcome<Lease> grown = resize(page, dewey, usedAfter, grants);
            if (!grown.isOk()) {
                return grown.castFailure();
            }
        }
        page.directory(dewey).put(slot, data.clone());
        TransitionTable.requireEdge(from, Operation.WRITE, stateOf(page));
        return Outcome.done();
    }

    /** The state checks shared by reads and writes, in the agreed order; null when allowed. */
    private ErrorKind accessError(PageModel page, boolean dewey, int slot, Operation operation) {
        if (!TransitionTable.allows(stateOf(page), operation)) {
            return ErrorKind.ILLEGAL_STATE;
        }
        if (dewey && page.isShared()) {
            return ErrorKind.ILLEGAL_STATE;
        }
        if (slot < 0 || slot >= PageModel.SLOT_COUNT) {
            return ErrorKind.INDEX_OUT_OF_BOUNDS;
        }
        return null;
    }

    private static ErrorKind dataError(PageModel page, boolean dewey, int slot, byte[] data) {
        if (data == null) {
            return ErrorKind.NULL_POINTER;
        }
        if (PageModel.entryBytes(data.length) > SizeClasses.MAX_BYTES) {
            return ErrorKind.ILLEGAL_ARGUMENT;
        }
        if (usedAfterWrite(page, dewey, slot, data) > SizeClasses.MAX_BYTES) {
            return ErrorKind.PAGE_FULL;
        }
        return null;
    }

    private static long usedAfterWrite(PageModel page, boolean dewey, int slot, byte[] data) {
        byte[] old = page.directory(dewey).get(slot);
        long oldBytes = old == null ? 0 : PageModel.entryBytes(old.length);
        return page.usedBytes(dewey) - oldBytes + PageModel.entryBytes(data.length);
    }

    /**
     * The agreed resize: request {@code min(262144, max(2 * current, usedAfter))}, publish the new
     * lease in the field (both fields when shared), then release the old lease.
     */
    private Outcome<Lease> resize(PageModel page, boolean dewey, long usedAfter, GrantSource grants) {
        Lease old = page.lease(dewey);
        long request = Math.min(SizeClasses.MAX_BYTES, Math.max(2L * old.classBytes(), usedAfter));
        Owner owner = Owner.page(page.id(), page.isShared() ? Owner.Role.SHARED
                : dewey ? Owner.Role.DEWEY : Owner.Role.SLOT);
        Outcome<Lease> grown = allocator.lease(request, owner, grants);
        if (grown.isOk() && grants.resizeFailed()) {
            allocator.releaseOwned(grown.get()); // the failed resize gives its new segment back
            return Outcome.failed(ErrorKind.FAULT);
        }
        if (grown.isOk()) {
            page.replaceLease(old, grown.get());
            allocator.releaseOwned(old);
        }
        return grown;
    }

    /** {@code page.clear()}: directories reset in any state; memory is never written. */
    public Outcome<Object> clear(int pageId) {
        PageModel page = page(pageId);
        PageState from = stateOf(page);
        page.clearDirectories();
        TransitionTable.requireEdge(from, Operation.CLEAR, stateOf(page));
        return Outcome.done();
    }

    /** {@code page.returnSegmentsToAllocator()}: the first call releases each owned lease once. */
    public Outcome<Object> returnSegments(int pageId) {
        PageModel page = page(pageId);
        PageState from = stateOf(page);
        if (!page.isReturned()) {
            returnSegmentsOf(page);
        }
        TransitionTable.requireEdge(from, Operation.RETURN_SEGMENTS, stateOf(page));
        return Outcome.done();
    }

    private void returnSegmentsOf(PageModel page) {
        allocator.releaseOwned(page.slotLease());
        if (!page.isShared()) {
            allocator.releaseOwned(page.deweyLease());
        }
        page.markReturned();
    }

    /**
     * {@code page.resetForReuse(key, revision, slot, dewey)} with two RAW leases (the same lease
     * for a shared page); ILLEGAL_STATE unless the page is RETURNED, and then the leases stay RAW.
     */
    public Outcome<Object> resetForReuse(int pageId, long recordPageKey, int revision, Lease slot, Lease dewey) {
        PageModel page = page(pageId);
        requireRaw(slot);
        requireRaw(dewey);
        PageState from = stateOf(page);
        if (!TransitionTable.allows(from, Operation.RESET_FOR_REUSE)) {
            return Outcome.failed(ErrorKind.ILLEGAL_STATE);
        }
        boolean shared = slot == dewey;
        slot.transferTo(Owner.page(pageId, shared ? Owner.Role.SHARED : Owner.Role.SLOT));
        if (!shared) {
            dewey.transferTo(Owner.page(pageId, Owner.Role.DEWEY));
        }
        page.reset(recordPageKey, revision, slot, dewey);
        TransitionTable.requireEdge(from, Operation.RESET_FOR_REUSE, stateOf(page));
        return Outcome.done();
    }

    /**
     * {@code resetForReuse} handed a read-only view (another page's memory): ILLEGAL_STATE when the
     * page is not returned (checked first), else ILLEGAL_ARGUMENT; nothing changes either way.
     */
    public Outcome<Object> resetForReuseWithView(int pageId) {
        PageState from = stateOf(page(pageId));
        return Outcome.failed(TransitionTable.allows(from, Operation.RESET_FOR_REUSE)
                ? ErrorKind.ILLEGAL_ARGUMENT : ErrorKind.ILLEGAL_STATE);
    }

    private static void requireRaw(Lease lease) {
        if (lease.isReleased() || lease.owner() != Owner.RAW) {
            throw new IllegalArgumentException("resetForReuse needs a leased RAW segment, got " + lease.history());
        }
    }

    // ---------------------------------------------------------------- guards

    /** {@code page.guard()}: ILLEGAL_STATE on an ORPHANED or RETURNED page. */
    public Outcome<GuardModel> guard(int pageId) {
        PageModel page = page(pageId);
        PageState from = stateOf(page);
        if (!TransitionTable.allows(from, Operation.GUARD)) {
            return Outcome.failed(ErrorKind.ILLEGAL_STATE);
        }
        GuardModel guard = new GuardModel(guards.size(), pageId, page.life());
        guards.add(guard);
        page.openGuard();
        TransitionTable.requireEdge(from, Operation.GUARD, stateOf(page));
        return Outcome.ok(guard);
    }

    /**
     * {@code guard.close()}: idempotent per guard; the last close of an orphan returns its segments.
     * A guard from before a {@code resetForReuse} no longer counts against the page.
     */
    public Outcome<Object> closeGuard(int guardId) {
        GuardModel guard = guards.get(guardId);
        PageModel page = page(guard.pageId());
        if (guard.isClosed() || guard.pageLife() != page.life()) {
            guard.close();
            return Outcome.done();
        }
        PageState from = stateOf(page);
        guard.close();
        page.closeGuard();
        if (page.isOrphaned() && page.openGuards() == 0) {
            returnSegmentsOf(page);
        }
        TransitionTable.requireEdge(from, Operation.UNGUARD, stateOf(page));
        return Outcome.done();
    }

    // ---------------------------------------------------------------- caches

    /**
     * {@code cache.put(key, page)}: ILLEGAL_STATE unless the page is live; a different old page
     * under {@code key} is removed (REPLACED).
     */
    public Outcome<Object> cachePut(int cacheId, long key, int pageId) {
        PageModel page = page(pageId);
        PageState from = stateOf(page);
        if (!TransitionTable.allows(from, Operation.CACHE_PUT)) {
            return Outcome.failed(ErrorKind.ILLEGAL_STATE);
        }
        Integer old = caches.get(cacheId).pageAt(key);
        if (old != null && old != pageId) {
            removeEntry(cacheId, key, "REPLACED");
        } else if (old != null && listenersQueued && caches.get(cacheId).lifeAt(key) != page.life()) {
            // The same page in a later life replaces its dead entry; that entry's queued listener
            // will find the key mapping the page again and leave it alone.
            pendingRemovals.add(new PendingRemoval(cacheId, key, pageId, caches.get(cacheId).lifeAt(key), "REPLACED",
                    journal.step()));
        }
        caches.get(cacheId).put(key, pageId, page.life(), ownedBytes(page));
        TransitionTable.requireEdge(from, Operation.CACHE_PUT, stateOf(page));
        return Outcome.done();
    }

    /** The bytes a live page's segments take (the shared one once): its cache weight when put. */
    private static long ownedBytes(PageModel page) {
        return page.slotLease().classBytes() + (page.isShared() ? 0 : page.deweyLease().classBytes());
    }

    /**
     * {@code cache.getAndGuard(key)}: a guard on the mapped page, or empty when absent, unguardable,
     * or the life of the page the entry was put in has ended (the page was reset since).
     */
    public Outcome<Optional<GuardModel>> getAndGuard(int cacheId, long key) {
        Integer pageId = caches.get(cacheId).pageAt(key);
        if (pageId == null || !TransitionTable.allows(stateOf(page(pageId)), Operation.GUARD)
                || caches.get(cacheId).lifeAt(key) != page(pageId).life()) {
            return Outcome.ok(Optional.empty());
        }
        return Outcome.ok(Optional.of(guard(pageId).get()));
    }

    /** {@code cache.invalidate(key)}. */
    public Outcome<Object> invalidate(int cacheId, long key) {
        if (caches.get(cacheId).pageAt(key) != null) {
            removeEntry(cacheId, key, "EXPLICIT");
        }
        return Outcome.done();
    }

    /** {@code cache.invalidateAll()}. */
    public Outcome<Object> invalidateAll(int cacheId) {
        for (Map.Entry<Long, Integer> entry : caches.get(cacheId).snapshot().entrySet()) {
            invalidate(cacheId, entry.getKey());
        }
        return Outcome.done();
    }

    /**
     * The binding saw {@code key} leave cache {@code cacheId} on its own (size eviction, expiry);
     * legal only when the key was mapped, and then the page is retired like any removal.
     */
    public void observeRemoval(int cacheId, long key, String cause) {
        if (caches.get(cacheId).pageAt(key) == null) {
            journal.report(ViolationKind.LOST_DATA, "cache#" + cacheId + " reported removing key=" + key
                    + " (cause=" + cause + ") which it did not map");
            return;
        }
        removeEntry(cacheId, key, cause);
    }

    /**
     * Removes a mapped entry and retires its page (the removal listener's {@code returnPage}), unless
     * the entry is dead: the page's life it was put in has ended. When listeners are queued, the
     * entry only leaves the cache and its listener becomes pending ({@link #listenerRan}).
     */
    private void removeEntry(int cacheId, long key, String cause) {
        PageModel page = page(caches.get(cacheId).pageAt(key));
        PageState from = stateOf(page);
        int entryLife = caches.get(cacheId).lifeAt(key);
        boolean lifeEnded = entryLife != page.life();
        caches.get(cacheId).remove(key);
        if (listenersQueued) {
            pendingRemovals.add(new PendingRemoval(cacheId, key, page.id(), entryLife, cause, journal.step()));
            TransitionTable.requireEdge(from, Operation.CACHE_UNMAP, stateOf(page));
            return;
        }
        if (lifeEnded) {
            return; // a dead entry: its page was returned and reset elsewhere, and is not the cache's to retire
        }
        retire(page);
        TransitionTable.requireEdge(from, Operation.CACHE_REMOVE, stateOf(page));
    }

    // ---------------------------------------------------------------- queued listeners

    /**
     * From now on a cache removal only unmaps the entry; its listener runs when the binding says
     * so ({@link #listenerRan}). For worlds whose caches run listeners on a queued executor.
     */
    public void queueListeners() {
        listenersQueued = true;
    }

    /**
     * Caffeine evicted {@code key} (size, expiry) during maintenance; with queued listeners the
     * entry leaves the model's cache now and its listener becomes pending. Legal only for a mapped key.
     */
    public void observeEviction(int cacheId, long key, String cause) {
        if (caches.get(cacheId).pageAt(key) == null && reclassify(cacheId, key, cause)) {
            return;
        }
        observeRemoval(cacheId, key, cause);
    }

    /**
     * An {@code invalidateAll} first applies the cache's pending writes, which may evict an entry
     * (SIZE) that the model had just removed as EXPLICIT in the same step: the removal is the same
     * one, only its cause differs. True when such a removal of this step was found and renamed.
     */
    private boolean reclassify(int cacheId, long key, String cause) {
        for (int i = pendingRemovals.size() - 1; i >= 0; i--) {
            PendingRemoval pending = pendingRemovals.get(i);
            if (pending.cacheId() == cacheId && pending.key() == key && pending.step() == journal.step()
                    && pending.cause().equals("EXPLICIT")) {
                pendingRemovals.set(i, pending.withCause(cause));
                return true;
            }
        }
        return false;
    }

    /**
     * The removal listener of {@code key -> pageId} in cache {@code cacheId}, for the entry put in
     * the page's life {@code entryLife}, ran; the model applies
     * what the fixed listener does and returns its name ({@code RETIRED}, {@code STILL_MAPPED}:
     * the key maps the page again; {@code LIFE_ENDED}: the life the entry was put in has ended), or
     * {@code UNKNOWN} after reporting a listener for a removal that is not pending.
     */
    public String listenerRan(int cacheId, long key, int pageId, int entryLife, String cause) {
        PendingRemoval pending = null;
        for (PendingRemoval candidate : pendingRemovals) {
            // The life too: one key can have two removals of one page pending, an expired entry
            // replaced by the same page put again after a reset (matching without it took the
            // older removal for the newer one: found by the simulator, seed 2052, faults off).
            if (candidate.cacheId() == cacheId && candidate.key() == key && candidate.pageId() == pageId
                    && candidate.life() == entryLife && candidate.cause().equals(cause)) {
                pending = candidate;
                break;
            }
        }
        if (pending == null) {
            journal.report(ViolationKind.DOUBLE_RELEASE, "cache#" + cacheId + "'s removal listener ran for key=" + key
                    + " and page#" + pageId + " (life " + entryLife + ") but no such removal is pending: "
                    + pendingRemovals);
            return "UNKNOWN";
        }
        pendingRemovals.remove(pending);
        PageModel page = page(pageId);
        Integer mapped = caches.get(cacheId).pageAt(key);
        if (mapped != null && mapped == pageId) {
            return "STILL_MAPPED";
        }
        if (page.life() != pending.life()) {
            return "LIFE_ENDED";
        }
        PageState from = stateOf(page);
        retire(page);
        TransitionTable.requireEdge(from, Operation.RETIRE, stateOf(page));
        return "RETIRED";
    }

    /** The removals whose listener has not run, oldest first. */
    public List<PendingRemoval> pendingRemovals() {
        return List.copyOf(pendingRemovals);
    }

    public CacheModel cache(int cacheId) {
        return caches.get(cacheId);
    }

    public int cacheCount() {
        return caches.size();
    }

    // ---------------------------------------------------------------- queries

    /** The lifecycle state of page {@code pageId} (see {@link PageState} for the projection). */
    public PageState stateOf(int pageId) {
        return stateOf(page(pageId));
    }

    private PageState stateOf(PageModel page) {
        if (page.isReturned()) {
            return PageState.RETURNED;
        }
        if (page.isOrphaned()) {
            return PageState.ORPHANED;
        }
        if (page.openGuards() > 0) {
            return PageState.GUARDED;
        }
        for (CacheModel cache : caches) {
            if (cache.maps(page.id())) {
                return PageState.CACHED;
            }
        }
        return PageState.LIVE;
    }

    public PageModel page(int pageId) {
        if (pageId < 0 || pageId >= pages.size()) {
            throw new IndexOutOfBoundsException("pageId=" + pageId + " pageCount=" + pages.size());
        }
        return pages.get(pageId);
    }

    /** Every page ever borrowed, by id. */
    public List<PageModel> pages() {
        return List.copyOf(pages);
    }

    public GuardModel guardModel(int guardId) {
        return guards.get(guardId);
    }

    /** Every guard ever opened, by id. */
    public List<GuardModel> guards() {
        return List.copyOf(guards);
    }
}
