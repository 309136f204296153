package io.segcheck.stress.lincheck;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.stress.RaceOutcomes;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Resize racing return: a writer whose {@code setSlot} does not fit the page's shared 4 KiB
 * segment (so it resizes to 8 KiB) while another thread retires the page. Linearizable against
 * the model: the writer either completes before the return or gets ILLEGAL_STATE, reads see the
 * records written so far, each segment is released exactly once (the allocator would refuse a
 * second release) and after every run a returned page holds no lease.
 *
 * <p>Broken sibling: RESIZE_SHARED_DANGLING (the DeweyID field keeps the released pre-resize
 * segment; the return releases it again: DOUBLE_RELEASE).
 */
class ResizeVsReturnLincheckTest {

    /** Larger than a 4 KiB segment: writing it resizes. */
    static final int LARGE_RECORD_BYTES = 6000;

    /** The object Lincheck drives: a shared-memory page holding a small record in slot 0. */
    public abstract static class PageUnderTest {

        private final OffHeapAllocator allocator = TestWorlds.guardedAllocator();
        private final KeyValueLeafPagePool pool;
        private final KeyValueLeafPage page;

        PageUnderTest(Defects defects) {
            this.pool = new KeyValueLeafPagePool(allocator, defects);
            this.page = pool.borrowPage(2, 1, 4096, false);
            page.setSlot(0, RaceOutcomes.pattern());
        }

        @Operation
        public String writeLarge() {
            return RaceOutcomes.outcomeOf(() -> page.setSlot(1, RaceOutcomes.pattern(LARGE_RECORD_BYTES)));
        }

        @Operation
        public String retire() {
            return RaceOutcomes.outcomeOf(() -> pool.returnPage(page));
        }

        @Operation
        public String getSmall() {
            return read(0);
        }

        @Operation
        public String getLarge() {
            return read(1);
        }

        private String read(int slot) {
            try {
                return RaceOutcomes.describeRecord(page.getSlot(slot));
            } catch (RuntimeException failure) {
                return RaceOutcomes.describe(failure);
            }
        }

        /** After every invocation: a returned page holds no lease, a live one its one shared segment. */
        @Validate
        public void returnedPageHoldsNoLease() {
            long leased = allocator.stats().leasedSegments();
            long owned = page.isReturned() ? 0 : 1;
            allocator.close();
            if (leased != owned) {
                throw new IllegalStateException("leasedSegments=" + leased + " ownedByPage=" + owned + " " + page);
            }
        }
    }

    /** The sequential specification: the same page in the model. */
    public static final class Spec {

        private final SpecWorld world = new SpecWorld(0);
        private final int pageId;

        public Spec() {
            this.pageId = world.model().borrowPage(2, 1, 4096, false, world.grants()).get().id();
            world.model().setSlot(pageId, 0, RaceOutcomes.pattern(), world.grants()).get();
        }

        public String writeLarge() {
            return world.say(world.model().setSlot(pageId, 1, RaceOutcomes.pattern(LARGE_RECORD_BYTES), world.grants()));
        }

        public String retire() {
            return world.say(world.model().returnPage(pageId));
        }

        public String getSmall() {
            return world.sayRecord(world.model().getSlot(pageId, 0));
        }

        public String getLarge() {
            return world.sayRecord(world.model().getSlot(pageId, 1));
        }
    }

    public static final class Fixed extends PageUnderTest {
        public Fixed() {
            super(Defects.none());
        }
    }

    public static final class SharedResizeDangling extends PageUnderTest {
        public SharedResizeDangling() {
            super(Defects.of(Defect.RESIZE_SHARED_DANGLING));
        }
    }

    @Test
    void resizeRacingReturnIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).sequentialSpecification(Spec.class).check(Fixed.class);
    }

    @Test
    void resizeRacingReturnIsLinearizableUnderStress() {
        LincheckSettings.stress(2).sequentialSpecification(Spec.class).check(Fixed.class);
    }

    @Test
    void modelCheckingFindsTheDanglingSharedSegmentReleasedTwice() {
        BrokenSiblings.assertModelCheckingFails("RESIZE_SHARED_DANGLING",
                LincheckSettings.raceOnlyModelCheckingOfPages().sequentialSpecification(Spec.class),
                SharedResizeDangling.class, "retire", "DOUBLE_RELEASE");
    }
}
