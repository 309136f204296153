package io.segcheck.kit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one {@link ForkedChecks} check in a JVM of its own. A broken allocator can crash the JVM on
 * exactly these checks (access to memory it unmapped), and a crash must cost one finding, not the
 * whole test run. The child's crash log goes to a temporary folder, is quoted in the finding and
 * deleted, so no {@code hs_err} file is left in the working directory.
 *
 * <p>Exit codes of the child: 0 the check passed, 1 the check failed (its message is on stdout),
 * 4 the child could not set up (e.g. the factory has no public no-argument constructor). A crash
 * is recognised by the crash log the child writes, whatever its exit code.
 */
public final class ForkedCheck {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int SETUP_FAILED = 4;
    private static final long TIMEOUT_SECONDS = 60;
    private static final int CRASH_LOG_LINES = 12;

    private ForkedCheck() {
    }

    /**
     * Runs check {@code check} against a new allocator of {@code factory} (rebuilt in the child by its
     * class name) with {@code settings}; fails the calling test with what the child reported.
     */
    public static void run(AllocatorFactory factory, AllocatorSettings settings, String check) {
        Path folder;
        try {
            folder = Files.createTempDirectory("segcheck-fork-");
        } catch (IOException io) {
            throw new IllegalStateException("cannot create a folder for the forked JVM's crash log", io);
        }
        try {
            report(check, launch(factory.getClass().getName(), settings, check, folder), folder);
        } finally {
            deleteQuietly(folder);
        }
    }

    private record Ending(int exitCode, String output, boolean timedOut) {
    }

    private static Ending launch(String factoryClass, AllocatorSettings settings, String check, Path folder) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:ErrorFile=" + folder.resolve("crash-%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Xmx256m");
        command.add(ForkedChecks.class.getName());
        command.add(factoryClass);
        command.add(Long.toString(settings.budgetBytes()));
        command.add(Long.toString(settings.regionBytes()));
        command.add(Boolean.toString(settings.guardMode()));
        command.add(Integer.toString(settings.quarantineSlices()));
        command.add(check);
        command.add(settings.propertiesText()); // the allocator's own settings, NAME=VALUE[,NAME=VALUE]
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("output.txt").toFile()).start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(folder.resolve("output.txt"), StandardCharsets.UTF_8);
            return new Ending(finished ? process.exitValue() : -1, output, !finished);
        } catch (IOException io) {
            throw new IllegalStateException("cannot start a forked JVM: " + command, io);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the forked check " + check, interrupted);
        }
    }

    private static void report(String check, Ending ending, Path folder) {
        if (ending.timedOut()) {
            fail("forked check " + check + " did not finish in " + TIMEOUT_SECONDS + " s (a hang); output:\n"
                    + ending.output());
        }
        // HotSpot exits with 1 after a fatal error when core dumps are off, so a crash is told by its log.
        if (hasCrashLog(folder) || ending.output().contains("A fatal error has been detected")) {
            fail("forked check " + check + " CRASHED the JVM (exit code " + ending.exitCode()
                    + "): the allocator let the JVM touch memory it no longer maps or owns.\n"
                    + crashLog(folder));
        }
        switch (ending.exitCode()) {
            case PASSED -> {
            }
            case FAILED -> fail("forked check " + check + ": " + ending.output().strip());
            case SETUP_FAILED -> fail("forked check " + check + " could not start: " + ending.output().strip());
            default -> fail("forked check " + check + " CRASHED the JVM (exit code " + ending.exitCode()
                    + "): the allocator let the JVM touch memory it no longer maps or owns.\n"
                    + crashLog(folder) + "\nchild output:\n" + ending.output());
        }
    }

    private static boolean hasCrashLog(Path folder) {
        try (var files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("crash-"));
        } catch (IOException io) {
            return false;
        }
    }

    private static String crashLog(Path folder) {
        try (var files = Files.list(folder)) {
            Path log = files.filter(file -> file.getFileName().toString().startsWith("crash-")).findFirst()
                    .orElse(null);
            if (log == null) {
                return "(no crash log written)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(0, Math.min(CRASH_LOG_LINES, lines.size())));
        } catch (IOException io) {
            return "(crash log unreadable: " + io + ")";
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // A leftover temporary folder is harmless; the finding is already reported.
        }
    }
}
