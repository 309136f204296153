package io.segcheck.sim.matrix;

import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.kit.OffHeapAllocatorContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitDetectorTest {

    private final KitDetector kit = new KitDetector();

    @Test
    void theFixedAllocatorPassesTheKit() {
        KitDetector.Outcome outcome = KitDetector.run(Defects.none(), Depth.QUICK);
        assertNull(outcome.firstFailure(), outcome::message);
        assertTrue(outcome.testsRun() >= 10, () -> outcome.testsRun() + " tests ran");
    }

    @Test
    void theKitCatchesExhaustionThatSkipsTheUnmapAndNamesTheTest() {
        Cell cell = kit.detect(Defect.EXHAUSTION_SKIPS_UNMAP, Depth.QUICK);
        assertEquals(Verdict.CAUGHT, cell.verdict(), cell::summary);
        assertEquals("fullyFreeRegionIsUnmappedToServeAnotherClass", cell.violation(), cell::summary);
        assertTrue(cell.note().contains("unmapped"), cell::note);
    }

    @Test
    void pageAndCacheDefectsAreNotApplicableWithTheReason() {
        for (Defect defect : EnumSet.complementOf(EnumSet.copyOf(KitDetector.IN_ALLOCATOR))) {
            assertTrue(kit.notApplicable(defect).orElseThrow().contains("the kit checks an allocator alone"),
                    defect::name);
        }
        assertTrue(kit.notApplicable(Defect.PREALLOCATED_POOL_LEAK).isPresent());
        Cell cell = new Matrix(java.util.List.of(kit), java.util.List.of(Defect.RETURN_NOT_IDEMPOTENT))
                .run(Depth.QUICK, 0, 1, done -> { }).cells().getFirst();
        assertEquals(Verdict.NOT_APPLICABLE, cell.verdict());
        assertTrue(cell.summary().startsWith("n/a: it lives in pages or caches"), cell::summary);
    }

    /** The allocator's defects are exactly those whose switch impl's allocator package reads. */
    @Test
    void theAllocatorDefectsAreTheOnesImplsAllocatorReads() throws IOException {
        Path alloc = Path.of("..", "impl", "src", "main", "java", "io", "segcheck", "impl", "alloc");
        String source;
        try (Stream<Path> files = Files.list(alloc)) {
            source = files.filter(file -> file.toString().endsWith(".java")).map(KitDetectorTest::read)
                    .reduce("", String::concat);
        }
        Set<Defect> read = EnumSet.noneOf(Defect.class);
        for (Defect defect : Defect.values()) {
            if (source.contains("Defect." + defect.name())) {
                read.add(defect);
            }
        }
        assertEquals(read, KitDetector.IN_ALLOCATOR);
    }

    @Test
    void theLeftOutTestsAreTheKitsOwn() {
        Set<String> methods = Arrays.stream(OffHeapAllocatorContract.class.getDeclaredMethods()).map(Method::getName)
                .collect(java.util.stream.Collectors.toSet());
        assertTrue(methods.containsAll(KitDetector.FORKED_TESTS), () -> "kit methods: " + methods);
        assertTrue(methods.contains(KitDetector.CONCURRENT_TEST), () -> "kit methods: " + methods);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }
}
