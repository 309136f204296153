package io.segcheck.examples;

import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.junit.AllocatorSweep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The seeded sweep against both examples, exactly as a user's build runs it: clean. */
class ExampleSweepTest {

    @TestFactory
    Stream<DynamicTest> arenaPerLeaseIsCleanOverTheSweep() {
        return AllocatorSweep.of(new ArenaPerLeaseFactory()).seeds(0, 40).tests();
    }

    @TestFactory
    Stream<DynamicTest> freeListPoolIsCleanOverTheSweep() {
        return AllocatorSweep.of(new FreeListPoolFactory()).seeds(0, 40).tests();
    }
}
