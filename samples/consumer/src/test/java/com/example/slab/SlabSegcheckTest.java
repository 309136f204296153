package com.example.slab;

import io.segcheck.junit.Segcheck;
import io.segcheck.junit.SegcheckExtension;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.stream.Stream;

/**
 * segcheck's seeded sweep and simulator on the slab allocator, judged by its ownership model. Seeds
 * and steps come from src/test/resources/junit-platform.properties or -D (segcheck.seeds=0..500);
 * the replays committed under src/test/resources/segcheck-regressions run first.
 */
@ExtendWith(SegcheckExtension.class)
class SlabSegcheckTest {

    @TestFactory
    Stream<DynamicNode> sweep(Segcheck segcheck) {
        return segcheck.sweep(new SlabAllocatorFactory());
    }

    @TestFactory
    Stream<DynamicNode> simulation(Segcheck segcheck) {
        return segcheck.simulate(new SlabAllocatorFactory());
    }
}
