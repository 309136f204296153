package io.segcheck.examples;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.lincheck.AllocatorLincheckBase;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lincheck base closes every allocator it builds, those of Lincheck's verification included,
 * and never holds more than a few open at once: an allocator that maps tens of megabytes when built
 * ran a JVM out of memory when the base closed only the runs' own.
 */
public class LincheckBaseClosesEveryAllocatorTest extends AllocatorLincheckBase {

    /**
     * Counts across the instances Lincheck builds reflectively (nothing can be passed to them);
     * read by the one test of this class.
     */
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final AtomicInteger BUILT = new AtomicInteger();
    private static final AtomicInteger MOST_OPEN = new AtomicInteger();

    public LincheckBaseClosesEveryAllocatorTest() {
        super(new CountingFactory());
    }

    /** The free-list pool, each allocator counted open until its first close. */
    public static final class CountingFactory implements AllocatorFactory {
        private final FreeListPoolFactory pool = new FreeListPoolFactory();

        @Override
        public OffHeapAllocator create(AllocatorSettings settings) {
            BUILT.incrementAndGet();
            MOST_OPEN.accumulateAndGet(OPEN.incrementAndGet(), Math::max);
            return new ForwardingOffHeapAllocator(pool.create(settings)) {
                private boolean closed;

                @Override
                public synchronized void close() {
                    if (!closed) {
                        closed = true;
                        OPEN.decrementAndGet();
                    }
                    super.close();
                }
            };
        }

        @Override
        public AllocatorDesign design(AllocatorSettings settings) {
            return pool.design(settings);
        }
    }

    @Test
    void everyAllocatorBuiltIsClosedAndFewAreOpenAtOnce() {
        // JUnit's own instance of this class built one already; the base registered it with the rest.
        BUILT.set(0);
        MOST_OPEN.set(OPEN.get());
        stress(LincheckBaseClosesEveryAllocatorTest.class);
        assertTrue(BUILT.get() > 20, "Lincheck built only " + BUILT.get() + " allocators");
        assertEquals(0, OPEN.get(), "allocators left open of " + BUILT.get() + " built");
        assertTrue(MOST_OPEN.get() <= 10, "at most " + MOST_OPEN.get() + " allocators were open at once");
        System.out.println("Lincheck base: " + BUILT.get() + " allocators built, at most " + MOST_OPEN.get()
                + " open at once, all closed");
    }
}
