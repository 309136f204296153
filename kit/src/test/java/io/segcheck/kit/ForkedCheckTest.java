package io.segcheck.kit;

import io.segcheck.api.AllocatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM crash in a forked check is one finding, and this JVM lives on with no crash file left behind. */
@EnabledOnOs(OS.LINUX)
class ForkedCheckTest {

    @Test
    void accessAfterUnmapCrashesTheForkedJvmAndIsReportedAsAFinding() throws IOException {
        AssertionFailedError finding = assertThrows(AssertionFailedError.class, () -> ForkedCheck.run(
                new UnmappingAllocatorFactory(), AllocatorSettings.roomy(), ForkedChecks.ACCESS_AFTER_CLOSE));
        assertTrue(finding.getMessage().contains("CRASHED the JVM"), finding.getMessage());
        assertTrue(finding.getMessage().contains("SIGSEGV"), finding.getMessage());
        try (var files = Files.list(Path.of("."))) {
            assertFalse(files.anyMatch(file -> file.getFileName().toString().startsWith("hs_err")),
                    "no hs_err file may be left in the working directory");
        }
    }

    @Test
    void aFactoryThatCannotBeRebuiltByNameIsASetupFinding() {
        AssertionFailedError finding = assertThrows(AssertionFailedError.class, () -> ForkedCheck.run(
                new io.segcheck.api.AllocatorFactory() {
                    @Override
                    public io.segcheck.api.OffHeapAllocator create(AllocatorSettings settings) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public io.segcheck.api.AllocatorDesign design(AllocatorSettings settings) {
                        throw new UnsupportedOperationException();
                    }
                }, AllocatorSettings.roomy(), ForkedChecks.ACCESS_AFTER_CLOSE));
        assertTrue(finding.getMessage().contains("could not start"), finding.getMessage());
    }
}
