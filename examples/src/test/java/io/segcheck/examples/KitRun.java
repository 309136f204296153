package io.segcheck.examples;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * One run of a contract-kit class through the JUnit launcher, as a user's build runs it: the tests
 * that failed and the tests skipped (aborted by an assumption: the design does not make that
 * promise), each with its message.
 */
record KitRun(Map<String, String> failed, Map<String, String> skipped) {

    static KitRun of(Class<?> kit) {
        Map<String, String> failed = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(kit)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                String name = test.getDisplayName().replaceAll("\\(.*", "");
                String message = result.getThrowable().map(Throwable::getMessage).orElse("");
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failed.put(name, message);
                    System.out.println("FOUND by " + kit.getSimpleName() + "#" + name + ": " + message);
                } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    skipped.put(name, message);
                }
            }
        });
        return new KitRun(failed, skipped);
    }
}
