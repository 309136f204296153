package com.example.slab;

import io.segcheck.kit.lincheck.AllocatorLincheckBase;
import org.junit.jupiter.api.Test;

/** Lincheck through segcheck's base: concurrent calls on the slab allocator are linearizable. */
public class SlabLincheckTest extends AllocatorLincheckBase {

    public SlabLincheckTest() {
        super(new SlabAllocatorFactory());
    }

    @Test
    void concurrentCallsAreLinearizable() {
        stress(SlabLincheckTest.class);
    }
}
