package io.segcheck.examples;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Each example's planted bug is found by the contract kit, and by exactly the test that names it:
 * the kit runs here through the JUnit launcher, as in a user's build, and its failures are read back.
 */
class PlantedBugsTest {

    @Test
    void kitFindsTheArenaAllocatorKeepingReleasedBytesOnItsBudget() {
        Map<String, String> failed = failuresOf(PlantedArenaKit.class);
        assertEquals(Set.of("exhaustionHappensExactlyWhenTheDeclaredAccountingSaysSo",
                "releasedMemoryIsReallyReusable"), failed.keySet(), failed.toString());
    }

    @Test
    void kitFindsTheFreeListPoolAcceptingAStaleInstance() {
        Map<String, String> failed = failuresOf(PlantedFreeListKit.class);
        // An address-only lookup also accepts a slice at offset 0 of a lease: the same bug, seen twice.
        assertEquals(Set.of("releaseOfStaleInstanceIsRefusedAfterTheAddressWasLeasedAgain",
                "releaseOfSegmentsThisAllocatorNeverLeasedIsRefused"), failed.keySet(), failed.toString());
    }

    /** Test method name to failure message, for every test of {@code kit} that failed. */
    private static Map<String, String> failuresOf(Class<?> kit) {
        Map<String, String> failed = new TreeMap<>();
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(kit)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String name = test.getDisplayName().replaceAll("\\(.*", "");
                    failed.put(name, result.getThrowable().map(Throwable::getMessage).orElse(""));
                    System.out.println("FOUND by " + kit.getSimpleName() + "#" + name + ": "
                            + failed.get(name).lines().findFirst().orElse(""));
                }
            }
        });
        return failed;
    }
}
