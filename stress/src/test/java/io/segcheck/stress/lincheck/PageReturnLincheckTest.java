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
 * Page return under concurrency: {@code returnSegmentsToAllocator()}, {@code pool.returnPage},
 * {@code getSlot} and {@code clear} on one page from two threads, with shared and with separate
 * DeweyID memory, are linearizable against the model's page ({@link Spec}), and after every run
 * a returned page holds no lease and a live one exactly its own.
 *
 * <p>Broken siblings: RETURN_NOT_IDEMPOTENT (a second or racing return releases again: the
 * allocator refuses it as DOUBLE_RELEASE) and CLEAR_ZEROES_RETURNED (clear after return fills a
 * released segment: in guard mode its closed view throws, CLOSED_SCOPE). Model checking must
 * find each.
 */
class PageReturnLincheckTest {

    /** The object Lincheck drives: one page with a record in slot 0, its pool, a guard-mode allocator. */
    public abstract static class PageUnderTest {

        private final OffHeapAllocator allocator = TestWorlds.guardedAllocator();
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
                return RaceOutcomes.describeRecord(page.getSlot(0));
            } catch (RuntimeException failure) {
                return RaceOutcomes.describe(failure);
            }
        }

        @Operation
        public String clear() {
            return RaceOutcomes.outcomeOf(page::clear);
        }

        /** After every invocation: a returned page holds no lease, a live one exactly its own. */
        @Validate
        public void returnedPageHoldsNoLease() {
            long leased = allocator.stats().leasedSegments();
            long owned = page.isReturned() ? 0 : (page.isDeweyIdsStored() ? 2 : 1);
            allocator.close();
            if (leased != owned) {
                throw new IllegalStateException("leasedSegments=" + leased + " ownedByPage=" + owned + " " + page);
            }
        }
    }

    /** The sequential specification: the same page in the model. */
    public abstract static class Spec {

        private final SpecWorld world = new SpecWorld(0);
        private final int pageId;

        Spec(boolean deweyIdsStored) {
            this.pageId = world.model().borrowPage(1, 1, 4096, deweyIdsStored, world.grants()).get().id();
            world.model().setSlot(pageId, 0, RaceOutcomes.pattern(), world.grants()).get();
        }

        public String returnSegments() {
            return world.say(world.model().returnSegments(pageId));
        }

        public String retire() {
            return world.say(world.model().returnPage(pageId));
        }

        public String getSlot() {
            return world.sayRecord(world.model().getSlot(pageId, 0));
        }

        public String clear() {
            return world.say(world.model().clear(pageId));
        }
    }

    public static final class SharedMemory extends PageUnderTest {
        public SharedMemory() {
            super(false, Defects.none());
        }
    }

    public static final class SharedMemorySpec extends Spec {
        public SharedMemorySpec() {
            super(false);
        }
    }

    public static final class SeparateMemory extends PageUnderTest {
        public SeparateMemory() {
            super(true, Defects.none());
        }
    }

    public static final class SeparateMemorySpec extends Spec {
        public SeparateMemorySpec() {
            super(true);
        }
    }

    public static final class NotIdempotentReturn extends PageUnderTest {
        public NotIdempotentReturn() {
            super(true, Defects.of(Defect.RETURN_NOT_IDEMPOTENT));
        }
    }

    public static final class ClearZeroesReturned extends PageUnderTest {
        public ClearZeroesReturned() {
            super(true, Defects.of(Defect.CLEAR_ZEROES_RETURNED));
        }
    }

    @Test
    void concurrentReturnOfSharedMemoryIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).sequentialSpecification(SharedMemorySpec.class).check(SharedMemory.class);
    }

    @Test
    void concurrentReturnOfSharedMemoryIsLinearizableUnderStress() {
        LincheckSettings.stress(2).sequentialSpecification(SharedMemorySpec.class).check(SharedMemory.class);
    }

    @Test
    void concurrentReturnOfSeparateMemoryIsLinearizableUnderModelChecking() {
        LincheckSettings.modelCheckingOfPages(2).sequentialSpecification(SeparateMemorySpec.class)
                .check(SeparateMemory.class);
    }

    @Test
    void concurrentReturnOfSeparateMemoryIsLinearizableUnderStress() {
        LincheckSettings.stress(2).sequentialSpecification(SeparateMemorySpec.class).check(SeparateMemory.class);
    }

    @Test
    void modelCheckingFindsTheDoubleReleaseWhenReturnIsNotIdempotent() {
        BrokenSiblings.assertModelCheckingFails("RETURN_NOT_IDEMPOTENT",
                LincheckSettings.raceOnlyModelCheckingOfPages().sequentialSpecification(SeparateMemorySpec.class),
                NotIdempotentReturn.class, "returnSegments", "DOUBLE_RELEASE");
    }

    @Test
    void modelCheckingFindsClearWritingAReturnedSegment() {
        BrokenSiblings.assertModelCheckingFails("CLEAR_ZEROES_RETURNED",
                LincheckSettings.raceOnlyModelCheckingOfPages().sequentialSpecification(SeparateMemorySpec.class),
                ClearZeroesReturned.class, "clear", RaceOutcomes.CLOSED_SCOPE);
    }
}
