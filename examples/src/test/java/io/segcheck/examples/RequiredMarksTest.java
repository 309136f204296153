package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.junit.AllocatorSweep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CI seed set required to reach every rare path an allocator marks through its {@link Probes}:
 * the free-list pool's seeds reach both of its marks; a declared mark its code never reaches fails
 * the set, naming the mark.
 */
class RequiredMarksTest {

    @TestFactory
    Stream<DynamicTest> freeListPoolSeedsReachEveryMarkItDeclares() {
        return AllocatorSweep.of(new FreeListPoolFactory()).seeds(0, 40).requireEveryMark().tests();
    }

    /** The pool, declaring one more mark that its code never reaches. */
    static final class UnreachedMarkFactory implements AllocatorFactory {
        private final FreeListPoolFactory pool = new FreeListPoolFactory();

        @Override
        public OffHeapAllocator create(AllocatorSettings settings) {
            return pool.create(settings);
        }

        @Override
        public OffHeapAllocator create(AllocatorSettings settings, Probes probes) {
            return pool.create(settings, probes);
        }

        @Override
        public AllocatorDesign design(AllocatorSettings settings) {
            return pool.design(settings);
        }

        @Override
        public List<String> markNames() {
            return List.of("freelist.classQueueEmptied", "freelist.neverReached");
        }
    }

    @Test
    void aDeclaredMarkNoSeedReachesFailsTheSeedSetNamingIt() {
        List<DynamicTest> tests = AllocatorSweep.of(new UnreachedMarkFactory()).seeds(0, 10).requireEveryMark()
                .tests().toList();
        for (DynamicTest seed : tests.subList(0, tests.size() - 1)) {
            Executable run = seed.getExecutable();
            assertDoesNotThrow(run, seed.getDisplayName());
        }
        AssertionError unreached = assertThrows(AssertionError.class, tests.getLast().getExecutable());
        assertTrue(unreached.getMessage().contains("never reached: [freelist.neverReached]"), unreached.getMessage());
    }
}
