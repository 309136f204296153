package io.segcheck.impl.alloc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The edges of the size-class arithmetic and of the settings an allocator accepts. */
class SizeClassAndConfigTest {

    @Test
    void exactSizesMapToTheirClassAndOthersToNone() {
        for (int index = 0; index < SizeClass.COUNT; index++) {
            assertEquals(index, SizeClass.indexOfExactSize(SizeClass.sizeBytes(index)), "class " + index);
        }
        assertEquals(-1, SizeClass.indexOfExactSize(SizeClass.MIN_BYTES / 2));
        assertEquals(-1, SizeClass.indexOfExactSize(SizeClass.MAX_BYTES * 2L));
        assertEquals(-1, SizeClass.indexOfExactSize(SizeClass.MIN_BYTES + 8));
    }

    @Test
    void stripeCountsFromOneToSixtyFourAreAcceptedAndNothingOutside() {
        AllocatorConfig config = AllocatorConfig.defaults();
        for (int stripes = 1; stripes <= 64; stripes *= 2) {
            int count = stripes;
            assertDoesNotThrow(() -> config.withStripeCount(count), "stripeCount=" + count);
        }
        assertEquals(AllocatorConfig.AUTO_STRIPES, config.withStripeCount(AllocatorConfig.AUTO_STRIPES).stripeCount());
        for (int bad : new int[] {-1, 3, 128}) {
            assertThrows(IllegalArgumentException.class, () -> config.withStripeCount(bad), "stripeCount=" + bad);
        }
    }

    @Test
    void eachWitherChangesItsOwnField() {
        AllocatorConfig config = AllocatorConfig.defaults();
        assertEquals(true, config.withHugePages(true).hugePages());
        assertEquals(8, config.withStripeCount(8).stripeCount());
        assertEquals(config.withHugePages(true).withHugePages(false), config);
    }
}
