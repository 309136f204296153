package io.segcheck.junit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.ForwardingOffHeapAllocator;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.kit.PlainAllocatorFactory;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door as a team meets it: settings from configuration parameters, a failure that writes
 * its replay where it runs first and names the test that replays it, regressions before seeds.
 */
class SegcheckTest {

    /**
     * The kit's plain allocator as declared to the sweep: fresh zeroed memory per lease, releases
     * not validated (it tells no refusal kinds apart), a closed state.
     */
    static class Plain implements AllocatorFactory {
        private final PlainAllocatorFactory plain = new PlainAllocatorFactory();

        @Override
        public OffHeapAllocator create(AllocatorSettings settings) {
            return plain.create(settings);
        }

        @Override
        public AllocatorDesign design(AllocatorSettings settings) {
            return AllocatorDesign.builder(plain.design(settings).sizeClassesBytes()).zeroed(true)
                    .rejectedRelease(AllocatorDesign.RejectedRelease.NOT_VALIDATED).closedState(true).build();
        }
    }

    /** Hands out leases full of 0x5A though it declares them zeroed: the planted bug a sweep must find. */
    static final class Dirty extends Plain {
        @Override
        public OffHeapAllocator create(AllocatorSettings settings) {
            return new ForwardingOffHeapAllocator(super.create(settings)) {
                @Override
                public MemorySegment allocate(long bytes) {
                    return super.allocate(bytes).fill((byte) 0x5A);
                }
            };
        }
    }

    private static SegcheckSettings settings(Path regressions, String seeds) {
        Map<String, String> parameters = Map.of(SegcheckSettings.SEEDS, seeds, SegcheckSettings.SIM_SEEDS, "0..3",
                SegcheckSettings.REGRESSIONS, regressions.toString());
        return SegcheckSettings.from(key -> Optional.ofNullable(parameters.get(key)));
    }

    /** Runs every dynamic test; answers the failures' messages in order. */
    private static List<String> execute(List<DynamicNode> tests) throws Throwable {
        List<String> failures = new ArrayList<>();
        for (DynamicNode node : tests) {
            try {
                ((DynamicTest) node).getExecutable().execute();
            } catch (AssertionFailedError failed) {
                failures.add(failed.getMessage());
            }
        }
        return failures;
    }

    @Test
    void settingsComeFromTheParametersAndABadOneIsNamed() {
        SegcheckSettings defaults = SegcheckSettings.from(key -> Optional.empty());
        assertEquals(100, defaults.seeds().size());
        assertEquals(SegcheckSettings.DEFAULT_REGRESSIONS, defaults.failures());
        SegcheckSettings given = SegcheckSettings.from(key -> Optional.ofNullable(Map.of(SegcheckSettings.SEEDS, "5..9",
                SegcheckSettings.STEPS, "50").get(key)));
        assertEquals(5, given.seeds().first());
        assertEquals(50, given.steps());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SegcheckSettings.from(key -> Optional.of("many")));
        assertTrue(bad.getMessage().contains("segcheck."), bad.getMessage());
    }

    @Test
    void aFailingSeedWritesItsReplayToTheRegressionsAndNamesTheTestThatReplaysIt(@TempDir Path folder) throws Throwable {
        List<Map<String, String>> entries = new ArrayList<>();
        Segcheck segcheck = new Segcheck(settings(folder, "0..40"), "PlantedTest", "sweep", entries::add);
        List<String> failures = execute(segcheck.sweep(new Dirty()).toList());
        assertFalse(failures.isEmpty(), "no seed of 0..40 found the dirty leases");
        String message = failures.getFirst();
        assertTrue(message.contains("NOT_ZEROED"), message);
        assertTrue(message.contains("replay it: mvn test -Dtest='PlantedTest#sweep' -Dsegcheck.replay="), message);
        assertFalse(message.contains("--classpath"), message);
        List<Path> written = Replays.in(folder.resolve("PlantedTest.sweep"));
        assertEquals(1, written.size(), "only the first failing seed is shrunk and written");
        assertTrue(failures.size() > 1 && failures.get(1).contains("failed too"), failures::toString);
        assertTrue(entries.stream().anyMatch(entry -> entry.containsKey("segcheck.marks")), entries::toString);

        List<DynamicNode> again = segcheck.sweep(new Plain()).toList();
        DynamicNode first = again.getFirst();
        assertTrue(first.getDisplayName().startsWith("regression seed-"), first.getDisplayName());
        assertEquals(written.getFirst().toAbsolutePath().toUri(), first.getTestSourceUri().orElseThrow());
        assertEquals(List.of(), execute(List.of(first)), "the fixed allocator replays the regression clean");
        assertThrows(AssertionFailedError.class, () -> segcheck.replay(new Dirty(), written.getFirst()));
    }

    @Test
    void theSimulatorRunsAPlainAllocatorClean(@TempDir Path folder) throws Throwable {
        Segcheck segcheck = new Segcheck(settings(folder, "0..1"), "PlainTest", "simulation", entry -> { });
        List<DynamicNode> tests = segcheck.simulate(new Plain()).toList();
        assertEquals(3, tests.size());
        assertTrue(tests.getFirst().getDisplayName().startsWith("simulation seed 0: "), tests.getFirst().getDisplayName());
        assertEquals(List.of(), execute(tests));
        assertFalse(Files.exists(folder.resolve("PlainTest.simulation")));
    }
}
