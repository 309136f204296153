package io.segcheck.stress.lincheck;

import io.segcheck.impl.alloc.SegmentAllocator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.stress.RaceOutcomes;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page return under concurrency: {@code returnSegmentsToAllocator()}, {@code pool.returnPage} and
 * {@code getSlot} on one page from two threads, with shared and with separate DeweyID memory, are
 * linearizable against the model's page, and every segment is released exactly once.
 *
 * <p>The broken sibling switches RETURN_NOT_IDEMPOTENT on: model checking must find an
 * interleaving in which the allocator refuses a second release (DOUBLE_RELEASE).
 */
class PageReturnLincheckTest {

    /** The object Lincheck drives: one page with a record in slot 0, its pool, a guard-mode allocator. */
    public abstract static class PageUnderTest {

        private final SegmentAllocator allocator = TestWorlds.guardedAllocator();
        private final KeyValueLeafPagePool pool;
        private final KeyValueLeafPage page;

        PageUnderTest(boolean deweyIdsStored, Defects defects) {
            this.pool = new KeyValueLeafPagePool(allocator, defects);
            this.page = pool.borrowPage(1, 1, 4096, deweyIdsStored);
            page.setSlot(0, RaceOutcomes.pattern());
        }

        @Operation
        public String returnSegments() {
            return RaceOutcomes.outcomeOf(page::returnSegmentsToAllocator);
        }

        @Operation
        public String retire() {
            return RaceOutcomes.outcomeOf(() -> pool.returnPage(page));
        }

        @Operation
        public String getSlot() {
            try {
                return RaceOutcomes.classify(page.getSlot(0));
            } catch (RuntimeException failure) {
                return RaceOutcomes.describe(failure);
            }
        }

        /** After every invocation: a returned page holds no lease, a live one exactly its own. */
        @Validate
        public void everySegmentReleasedExactlyOnce() {
            long leased = allocator.stats().leasedSegments();
            long expected = page.isReturned() ? 0 : (page.isDeweyIdsStored() ? 2 : 1);
            allocator.close();
            if (leased != expected) {
                throw new IllegalStateException("leasedSegments=" + leased + " expected=" + expected
                        + " page=" + page);
            }
        }
    }

    /** Records and DeweyIDs share one segment. */
    public static final class SharedMemory extends PageUnderTest {
        public SharedMemory() {
            super(false, Defects.none());
        }
    }

    /** DeweyIDs in their own segment: two segments to release. */
    public static final class SeparateMemory extends PageUnderTest {
        public SeparateMemory() {
            super(true, Defects.none());
        }
    }

    /** RETURN_NOT_IDEMPOTENT: every return releases again. */
    public static final class NotIdempotentReturn extends PageUnderTest {
        public NotIdempotentReturn() {
            super(true, Defects.of(Defect.RETURN_NOT_IDEMPOTENT));
        }
    }

    @Test
    void concurrentReturnOfSharedMemoryIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).check(SharedMemory.class);
    }

    @Test
    void concurrentReturnOfSharedMemoryIsLinearizableUnderStress() {
        LincheckSettings.stress(2).check(SharedMemory.class);
    }

    @Test
    void concurrentReturnOfSeparateMemoryIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).check(SeparateMemory.class);
    }

    @Test
    void concurrentReturnOfSeparateMemoryIsLinearizableUnderStress() {
        LincheckSettings.stress(2).check(SeparateMemory.class);
    }

    @Test
    void modelCheckingFindsTheDoubleReleaseWhenReturnIsNotIdempotent() {
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class,
                () -> LincheckSettings.modelCheckingOfPages(2).check(NotIdempotentReturn.class));
        assertTrue(failure.getMessage().contains("DOUBLE_RELEASE"), failure::getMessage);
    }
}
