package io.segcheck.impl.alloc;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** segcheck's factory, plain and wrapped, names itself the same: reports and replay files use the name. */
class FactoryNameTest {

    @Test
    void plainAndWrappedFactoriesAreNamedSegcheck() {
        SegcheckAllocatorFactory factory = new SegcheckAllocatorFactory();
        assertEquals("segcheck", factory.name());
        assertEquals("segcheck", factory.wrapped(UnaryOperator.identity()).name());
    }
}
