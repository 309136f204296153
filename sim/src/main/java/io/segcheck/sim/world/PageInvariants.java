package io.segcheck.sim.world;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageStatus;
import io.segcheck.model.CacheModel;
import io.segcheck.model.Lease;
import io.segcheck.model.OwnershipModel;
import io.segcheck.model.PageModel;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The comparisons after every step of segcheck's own system on the allocator, after the
 * allocator's ({@link Invariants}): the pool's counters, then every page (state, guards, which
 * leases its fields hold, its contents), then the caches' mappings.
 *
 * <p>Reading every slot of every page is the one check that grows with the run, so in a world
 * of more than {@value #FULL_CHECK_PAGES} live pages the contents are read every step only for
 * the pages the step touched and the pages that now hold memory those pages' fields point at
 * (where a write through a stale field lands); all pages are read every
 * {@value #FULL_CHECK_PERIOD} steps and at quiesce. Short runs, and so every shrunk run, are
 * checked in full after every step.
 */
final class PageInvariants {

    /** Up to this many live pages, every page's contents are read after every step. */
    static final int FULL_CHECK_PAGES = 32;
    /** Every this many steps, every page's contents are read whatever the world's size. */
    static final int FULL_CHECK_PERIOD = 32;

    private final World world;
    private final SystemParts parts;
    private final Findings findings;

    PageInvariants(World world, SystemParts parts, Findings findings) {
        this.world = world;
        this.parts = parts;
        this.findings = findings;
    }

    /** Pool, pages and caches after a step (see {@link Invariants#checkAll}). */
    void checkAll(int stepIndex, Set<Integer> touchedPages, boolean everything) {
        checkPool();
        boolean readAll = everything || stepIndex % FULL_CHECK_PERIOD == 0 || livePages() <= FULL_CHECK_PAGES;
        Set<Long> touchedAddresses = readAll ? Set.of() : fieldAddresses(touchedPages);
        for (int id = 0; id < parts.pages.size() && !findings.any(); id++) {
            PageModel expected = world.model.page(id);
            boolean read = readAll || touchedPages.contains(id)
                    || touchedAddresses.contains(expected.slotLease().address())
                    || touchedAddresses.contains(expected.deweyLease().address());
            checkPage(id, read);
        }
        for (CacheHandle<?> cache : parts.caches) {
            checkCache(cache);
        }
    }

    private void checkPool() {
        OwnershipModel model = world.model;
        if (parts.pool.pagesBorrowed() != model.pagesBorrowed()) {
            findings.report(ViolationKind.LEAK, "the pool counts pagesBorrowed=" + parts.pool.pagesBorrowed()
                    + " but the model counts " + model.pagesBorrowed());
        }
        long returned = parts.pool.pagesReturned();
        if (returned < model.pagesReturned()) {
            findings.report(ViolationKind.LEAK, "the pool counts pagesReturned=" + returned
                    + " but the model retired " + model.pagesReturned() + " pages");
        } else if (returned > model.pagesReturned()) {
            findings.report(ViolationKind.DOUBLE_RELEASE, "the pool counts pagesReturned=" + returned
                    + " but the model retired only " + model.pagesReturned() + " pages");
        }
    }

    private int livePages() {
        int live = 0;
        for (PageModel page : world.model.pages()) {
            live += page.isReturned() ? 0 : 1;
        }
        return live;
    }

    /** The addresses the fields of the touched pages point at, released or not. */
    private Set<Long> fieldAddresses(Set<Integer> touchedPages) {
        Set<Long> addresses = new HashSet<>();
        for (int id : touchedPages) {
            KeyValueLeafPage page = parts.pages.get(id);
            addresses.add(page.slotMemory().address());
            addresses.add(page.deweyIdMemory().address());
        }
        return addresses;
    }

    private void checkPage(int id, boolean readContents) {
        KeyValueLeafPage page = parts.pages.get(id);
        PageModel expected = world.model.page(id);
        if (!checkState(page, expected)) {
            return;
        }
        if (expected.isReturned()) {
            return; // its fields legitimately keep the released instances
        }
        if (page.recordPageKey() != expected.recordPageKey() || page.revision() != expected.revision()) {
            findings.report(ViolationKind.LOST_DATA, expected.describe() + " says recordPageKey="
                    + page.recordPageKey() + " revision=" + page.revision() + ": it belongs to another record page"
                    + " than the one the model borrowed or reset it for");
            return;
        }
        checkField(expected, "slotMemory", page::holdsSlotMemory, page::slotMemory, expected.slotLease());
        checkField(expected, "deweyIdMemory", page::holdsDeweyIdMemory, page::deweyIdMemory, expected.deweyLease());
        if (readContents && !findings.any()) {
            checkContents(page, expected);
        }
    }

    private boolean checkState(KeyValueLeafPage page, PageModel expected) {
        PageStatus expectedState = expected.isReturned() ? PageStatus.RETURNED
                : expected.isOrphaned() ? PageStatus.ORPHANED : PageStatus.LIVE;
        PageStatus actual = page.state();
        if (actual != expectedState) {
            // Ordered by how much the page still holds: LIVE > ORPHANED > RETURNED.
            boolean holdsMore = rank(actual) > rank(expectedState);
            findings.report(holdsMore ? ViolationKind.LEAK : ViolationKind.USE_AFTER_RELEASE,
                    expected.describe() + " is " + actual + " but the model says " + expectedState
                            + " (slot " + expected.slotLease().history() + ")");
            return false;
        }
        int guards = page.guardCount();
        if (guards != expected.openGuards()) {
            findings.report(guards > expected.openGuards() ? ViolationKind.LEAK : ViolationKind.USE_AFTER_RELEASE,
                    expected.describe() + " has guardCount=" + guards + " but the model counts "
                            + expected.openGuards() + " open guards");
            return false;
        }
        return true;
    }

    private static int rank(PageStatus state) {
        return switch (state) {
            case LIVE -> 2;
            case ORPHANED -> 1;
            case RETURNED -> 0;
        };
    }

    /**
     * The page's field must hold the real instance of the model's lease; the page only answers
     * identity questions ({@code holds}), so on a mismatch the held lease is searched for.
     */
    private void checkField(PageModel expected, String field, Predicate<MemorySegment> holds, Supplier<MemorySegment> view,
                            Lease expectedLease) {
        if (holds.test(world.instanceOf.get(expectedLease))) {
            return;
        }
        Lease actual = heldLease(holds);
        String references = expected.describe() + "'s " + field + " references ";
        if (actual == null) {
            findings.report(ViolationKind.ALIAS, references + "a segment @0x" + Long.toHexString(view.get().address())
                    + " that was never leased to it; the model expects " + expectedLease.describe());
        } else if (actual.isReleased()) {
            findings.report(ViolationKind.USE_AFTER_RELEASE, references + actual.history()
                    + "; the model expects " + expectedLease.describe());
        } else {
            findings.report(ViolationKind.ALIAS, references + actual.history() + "; the model expects "
                    + expectedLease.describe());
        }
    }

    /** The model lease whose real instance the field holds; null when it holds none the world leased. */
    private Lease heldLease(Predicate<MemorySegment> holds) {
        for (Map.Entry<MemorySegment, Lease> entry : world.leaseOf.entrySet()) {
            if (holds.test(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void checkContents(KeyValueLeafPage page, PageModel expected) {
        long used = read(expected, "usedSlotBytes", page::usedSlotBytes);
        if (findings.any()) {
            return;
        }
        if (used != expected.usedBytes(false)) {
            findings.report(ViolationKind.LOST_DATA, expected.describe() + " uses " + used
                    + " record bytes but the model's entries need " + expected.usedBytes(false));
            return;
        }
        for (Map.Entry<Integer, byte[]> entry : expected.records().entrySet()) {
            int slot = entry.getKey();
            compare(expected, "slot " + slot, entry.getValue(), read(expected, "getSlot(" + slot + ")",
                    () -> page.getSlot(slot)));
        }
        if (!expected.isShared()) {
            Long usedDeweyIds = read(expected, "usedDeweyIdBytes", page::usedDeweyIdBytes);
            if (usedDeweyIds != null && usedDeweyIds != expected.usedBytes(true)) {
                findings.report(ViolationKind.LOST_DATA, expected.describe() + " uses " + usedDeweyIds
                        + " DeweyID bytes but the model's entries need " + expected.usedBytes(true));
                return;
            }
            for (Map.Entry<Integer, byte[]> entry : expected.deweyIds().entrySet()) {
                int slot = entry.getKey();
                compare(expected, "DeweyID " + slot, entry.getValue(), read(expected, "getDeweyId(" + slot + ")",
                        () -> page.getDeweyId(slot)));
            }
        }
    }

    private <T> T read(PageModel expected, String what, Supplier<T> reader) {
        Observed observed = Observed.of(reader);
        if (observed.isOk()) {
            @SuppressWarnings("unchecked") // the supplier's own type
            T value = (T) observed.value();
            return value;
        }
        findings.report(Failures.violationKind(observed.failure()), "checking " + expected.describe() + ": " + what
                + " threw " + Failures.describe(observed.failure()));
        return null;
    }

    private void compare(PageModel expected, String where, byte[] written, byte[] actual) {
        if (findings.any() || Arrays.equals(written, actual)) {
            return;
        }
        findings.report(ViolationKind.LOST_DATA, expected.describe() + " " + where + " reads "
                + Payloads.describe(actual) + " but holds " + Payloads.describe(written)
                + " in the model (segment " + expected.slotLease().history() + ")");
    }

    private void checkCache(CacheHandle<?> cache) {
        if (findings.any()) {
            return;
        }
        CacheModel expected = world.model.cache(cache.index());
        for (long key : expected.keys()) {
            int pageId = expected.pageAt(key);
            KeyValueLeafPage actual = cache.peek(key);
            if (actual != parts.pages.get(pageId)) {
                findings.report(ViolationKind.LOST_DATA, cache + " key=" + key + " maps "
                        + (actual == null ? "nothing" : "another page") + " but the model maps "
                        + world.model.page(pageId).describe());
                return;
            }
        }
        if (cache.estimatedSize() != expected.keys().size()) {
            findings.report(ViolationKind.LEAK, cache + " holds " + cache.estimatedSize()
                    + " entries but the model maps only keys " + expected.keys());
        }
        checkWeight(cache, expected);
    }

    /** The weight Caffeine accounts is the model's sum of weights as put, and within the bound. */
    private void checkWeight(CacheHandle<?> cache, CacheModel expected) {
        if (world.options.listenersQueued() && world.options.tasks().hasMaintenance()) {
            return; // Caffeine applies writes to its weights in maintenance, which waits on the simulator's queue
        }
        long weighted = cache.weightedSizeBytes();
        if (!findings.any() && weighted > cache.maxWeightBytes()) {
            findings.report(ViolationKind.CACHE_WEIGHT, cache + " weighs " + weighted + " bytes, over its bound of "
                    + cache.maxWeightBytes());
        } else if (!findings.any() && weighted != expected.weightBytes()) {
            findings.report(ViolationKind.CACHE_WEIGHT, cache + " weighs " + weighted + " bytes but its entries, as"
                    + " put, weigh " + expected.weightBytes() + " in the model (keys " + expected.keys() + ")");
        }
    }
}
