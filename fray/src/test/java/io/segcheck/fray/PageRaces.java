package io.segcheck.fray;

import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.cache.PageCache;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.impl.page.PageGuard;
import io.segcheck.impl.page.PageStatus;
import io.segcheck.model.ViolationKind;
import io.segcheck.stress.RaceOutcomes;

import java.util.Optional;

/**
 * The page races of the Fray suite: each a small world of a guard-mode allocator, a pool and one
 * page holding one record, and two calls. Guard mode makes any touch of a released segment throw
 * ({@link RaceOutcomes#CLOSED_SCOPE}) instead of reading someone else's memory.
 */
final class PageRaces {

    private PageRaces() {
    }

    /** What every page race starts from: one live page holding the test record in slot 0. */
    abstract static class PageWorld extends Race {

        final OffHeapAllocator allocator;
        final KeyValueLeafPagePool pool;
        final KeyValueLeafPage page;

        PageWorld(Defects defects, boolean deweyIdsStored) {
            this.allocator = Worlds.guardedAllocator(defects);
            this.pool = new KeyValueLeafPagePool(allocator, defects);
            this.page = pool.borrowPage(1, 1, 4096, deweyIdsStored);
            page.setSlot(0, RaceOutcomes.pattern());
        }

        /** Under a guard the page is live and its record intact; else the guard holds a returned page. */
        void readUnderGuard(PageGuard guard, String who) {
            PageStatus state = guard.page().state();
            String record;
            try {
                record = RaceOutcomes.classify(guard.page().getSlot(0));
            } catch (RuntimeException failure) {
                record = RaceOutcomes.describe(failure);
            }
            PageStatus after = guard.page().state();
            if (state == PageStatus.RETURNED || after == PageStatus.RETURNED) {
                violated(ViolationKind.USE_AFTER_RELEASE, who + " holds a guard on a page whose segments were "
                        + "returned: stateAtGuard=" + state + " stateAfterRead=" + after + " read=" + record);
            } else if (!record.equals(RaceOutcomes.INTACT)) {
                violated(ViolationKind.LOST_DATA, who + " read slot 0 under a guard as " + record);
            }
        }

        /** At the end: the page is returned and nothing is leased any more. */
        void checkReturnedAndNothingLeased() {
            if (page.state() != PageStatus.RETURNED) {
                throw new RaceViolation(ViolationKind.LEAK, "page not returned after the race: " + page);
            }
            Worlds.checkLeased(allocator, 0, "after the race");
        }

        @Override
        public void close() {
            allocator.close();
        }
    }

    /** Two threads return the same page (separate slot and DeweyID segments). */
    static final class ReturnVsReturn extends PageWorld {

        private volatile String firstOutcome;
        private volatile String secondOutcome;

        ReturnVsReturn(Defects defects) {
            super(defects, true);
        }

        @Override
        public void first() {
            firstOutcome = RaceOutcomes.outcomeOf(page::returnSegmentsToAllocator);
        }

        @Override
        public void second() {
            secondOutcome = RaceOutcomes.outcomeOf(page::returnSegmentsToAllocator);
        }

        @Override
        void checkAfter() {
            for (String outcome : new String[] {firstOutcome, secondOutcome}) {
                if (!RaceOutcomes.OK.equals(outcome)) {
                    throw new RaceViolation(ViolationKind.DOUBLE_RELEASE, "a return was refused: first="
                            + firstOutcome + " second=" + secondOutcome);
                }
            }
            checkReturnedAndNothingLeased();
        }
    }

    /** One thread writes a record that makes the shared segment grow; the other returns the page. */
    static final class ResizeVsReturn extends PageWorld {

        private volatile String writeOutcome;
        private volatile String returnOutcome;

        ResizeVsReturn(Defects defects) {
            super(defects, false);
        }

        @Override
        public void first() {
            writeOutcome = RaceOutcomes.outcomeOf(() -> page.setSlot(1, RaceOutcomes.pattern(6000)));
        }

        @Override
        public void second() {
            returnOutcome = RaceOutcomes.outcomeOf(page::returnSegmentsToAllocator);
        }

        @Override
        void checkAfter() {
            if (returnOutcome.equals("DOUBLE_RELEASE")) {
                throw new RaceViolation(ViolationKind.DOUBLE_RELEASE, "the return released a segment twice: write="
                        + writeOutcome + " return=" + returnOutcome);
            }
            boolean legal = returnOutcome.equals(RaceOutcomes.OK)
                    && (writeOutcome.equals(RaceOutcomes.OK) || writeOutcome.equals("ILLEGAL_STATE"));
            if (!legal) {
                throw new RaceViolation(ViolationKind.UNEXPECTED_ERROR, "write=" + writeOutcome + " return=" + returnOutcome);
            }
            checkReturnedAndNothingLeased();
        }
    }

    /** One thread reads under a guard; the other writes a record that makes the segment grow. */
    static final class ResizeVsGuardedReader extends PageWorld {

        private volatile String writeOutcome;

        ResizeVsGuardedReader(Defects defects) {
            super(defects, false);
        }

        @Override
        public void first() {
            try (PageGuard guard = page.guard()) {
                readUnderGuard(guard, "reader");
                readUnderGuard(guard, "reader (again)");
            }
        }

        @Override
        public void second() {
            writeOutcome = RaceOutcomes.outcomeOf(() -> page.setSlot(1, RaceOutcomes.pattern(6000)));
        }

        @Override
        void checkAfter() {
            if (!writeOutcome.equals(RaceOutcomes.OK)) {
                throw new RaceViolation(ViolationKind.UNEXPECTED_ERROR, "the resizing write failed: " + writeOutcome);
            }
            String record = RaceOutcomes.describeRecord(page.getSlot(1));
            if (!record.equals("6000B") || !RaceOutcomes.classify(page.getSlot(0)).equals(RaceOutcomes.INTACT)) {
                throw new RaceViolation(ViolationKind.LOST_DATA, "after the resize: slot0="
                        + RaceOutcomes.classify(page.getSlot(0)) + " slot1=" + record);
            }
            Worlds.checkLeased(allocator, 1, "live page after the resize");
            page.returnSegmentsToAllocator();
            checkReturnedAndNothingLeased();
        }
    }

    /** One thread retires the page through the pool; the other guards it and reads under the guard. */
    static final class RetireVsGuard extends PageWorld {

        RetireVsGuard(Defects defects) {
            super(defects, false);
        }

        @Override
        public void first() {
            String outcome = RaceOutcomes.outcomeOf(() -> pool.returnPage(page));
            if (!outcome.equals(RaceOutcomes.OK)) {
                violated(ViolationKind.UNEXPECTED_ERROR, "returnPage: " + outcome);
            }
        }

        @Override
        public void second() {
            Optional<PageGuard> guard = page.tryGuard();
            if (guard.isPresent()) {
                try (PageGuard open = guard.get()) {
                    readUnderGuard(open, "guard holder");
                }
            }
        }

        @Override
        void checkAfter() {
            checkReturnedAndNothingLeased();
        }
    }

    /** One thread removes the cached page (the removal listener retires it); the other guards it through the cache. */
    static final class EvictVsGuard extends PageWorld {

        private static final String KEY = "page";
        private final PageCache<String> cache;

        EvictVsGuard(Defects defects) {
            super(defects, false);
            // The listener runs on the removing thread, so it has finished when that thread ends.
            this.cache = new PageCache<>(pool, 1 << 20, Runnable::run, Ticker.systemTicker(), defects);
            cache.put(KEY, page);
        }

        @Override
        public void first() {
            String outcome = RaceOutcomes.outcomeOf(() -> cache.invalidate(KEY));
            if (!outcome.equals(RaceOutcomes.OK)) {
                violated(ViolationKind.UNEXPECTED_ERROR, "invalidate: " + outcome);
            }
        }

        @Override
        public void second() {
            Optional<PageGuard> guard = cache.getAndGuard(KEY);
            if (guard.isPresent()) {
                try (PageGuard open = guard.get()) {
                    readUnderGuard(open, "cache reader");
                }
            }
        }

        @Override
        void checkAfter() {
            if (!cache.listenerFailures().isEmpty()) {
                throw new RaceViolation(ViolationKind.UNEXPECTED_ERROR, "removal listener failed: "
                        + cache.listenerFailures());
            }
            checkReturnedAndNothingLeased();
        }
    }

    /**
     * Page P was returned and its slice now belongs to page Q, which holds a record in it. One
     * thread clears P; the other reads Q's record. A plain allocator (no quarantine) reuses the
     * slice at once.
     */
    static final class ClearVsReuse extends Race {

        private final OffHeapAllocator allocator;
        private final KeyValueLeafPage returned;
        private final KeyValueLeafPage reused;
        private volatile String readRecord;

        ClearVsReuse(Defects defects) {
            this.allocator = Worlds.plainAllocator(1L << 20, defects);
            KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, defects);
            this.returned = pool.borrowPage(1, 1, 4096, false);
            returned.setSlot(0, RaceOutcomes.pattern());
            returned.returnSegmentsToAllocator();
            this.reused = pool.borrowPage(2, 1, 4096, false);
            reused.setSlot(0, RaceOutcomes.pattern());
            if (reused.slotMemory().address() != returned.slotMemory().address()) {
                throw new IllegalStateException("the world needs the slice reused at once: returned="
                        + returned.slotMemory() + " reused=" + reused.slotMemory());
            }
        }

        @Override
        public void first() {
            String outcome = RaceOutcomes.outcomeOf(returned::clear);
            if (!outcome.equals(RaceOutcomes.OK)) {
                violated(ViolationKind.UNEXPECTED_ERROR, "clear of a returned page: " + outcome);
            }
        }

        @Override
        public void second() {
            try {
                readRecord = RaceOutcomes.classify(reused.getSlot(0));
            } catch (RuntimeException failure) {
                readRecord = RaceOutcomes.describe(failure);
            }
        }

        @Override
        void checkAfter() {
            String now = RaceOutcomes.classify(reused.getSlot(0));
            if (!readRecord.equals(RaceOutcomes.INTACT) || !now.equals(RaceOutcomes.INTACT)) {
                throw new RaceViolation(ViolationKind.LOST_DATA, "the reusing page's record: readDuringRace="
                        + readRecord + " readAfter=" + now + " (clear of the returned page wrote its old segment)");
            }
            reused.returnSegmentsToAllocator();
            Worlds.checkLeased(allocator, 0, "after both pages returned");
        }

        @Override
        public void close() {
            allocator.close();
        }
    }
}
