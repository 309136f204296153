package io.segcheck.kit.fray;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds Fray's instrumented JDK from the running JDK (25) and Fray's own artifacts, once per (JDK,
 * Fray version) into a cache folder, and links it where Fray's Maven plugin looks for it, so the
 * plugin skips its own step (which would download a JDK, or jlink from a jmods folder that JDK 24+
 * builds such as Temurin 25 do not ship). A team runs it from its build before Fray's
 * {@code prepare-fray}, with exec-maven-plugin's plugin dependencies as the class path:
 * segcheck-kit and {@code org.pastalab.fray.instrumentation:fray-instrumentation-jdk} (see
 * samples/consumer/pom.xml):
 *
 * <pre>
 * java -classpath KIT_AND_FRAY_INSTRUMENTATION io.segcheck.kit.fray.FrayJdk LINK [CACHE_DIR]
 * </pre>
 *
 * LINK is {@code target/fray/fray-java}; CACHE_DIR defaults to {@code ~/.cache/segcheck} (the folder
 * segcheck's own build uses, so both share one JDK). jlink gets the class path minus segcheck's jars
 * as its module path: it must hold Fray's instrumentation and its own dependencies only.
 */
public final class FrayJdk {

    private static final Pattern INSTRUMENTATION = Pattern.compile("fray-instrumentation-jdk-([^" + Pattern.quote(
            File.separator) + "]+)\\.jar$");

    private FrayJdk() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: FrayJdk LINK [CACHE_DIR]   (LINK: target/fray/fray-java)");
            System.exit(2);
        }
        Path link = Path.of(args[0]);
        Path cache = args.length > 1 ? Path.of(args[1])
                : Path.of(System.getProperty("user.home"), ".cache", "segcheck");
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("segcheck-")).toList();
        Path built = build(javaHome, modulePath, cache);
        link(built, link);
        System.out.println("fray-jdk: " + link + " -> " + built);
    }

    /** The instrumented JDK in {@code cache}, built first when missing. */
    static Path build(Path javaHome, List<String> modulePath, Path cache) throws IOException, InterruptedException {
        String javaVersion = release(javaHome, "JAVA_VERSION");
        if (!javaVersion.equals("25") && !javaVersion.startsWith("25.")) {
            throw new IllegalStateException("Fray instruments JDK 25 only; this build runs on " + javaVersion + " ("
                    + javaHome + "): run it with a JDK 25");
        }
        String agent = modulePath.stream().filter(entry -> INSTRUMENTATION.matcher(entry).find()).findFirst()
                .orElseThrow(() -> new IllegalStateException("fray-instrumentation-jdk is not on the class path: "
                        + modulePath));
        Matcher version = INSTRUMENTATION.matcher(agent);
        version.find();
        String frayVersion = version.group(1);
        String vendor = release(javaHome, "IMPLEMENTOR").replaceAll("[^A-Za-z0-9.]", "-");
        Path cached = cache.resolve("fray-jdk-" + javaVersion + "-" + vendor + "-fray-" + frayVersion);
        if (isBuilt(cached, frayVersion)) {
            return cached;
        }
        Files.createDirectories(cache);
        Path building = Files.createTempDirectory(cache, ".fray-jdk-building.");
        System.out.println("fray-jdk: building Fray's instrumented JDK from " + javaHome + " into " + cached
                + " (once; ~30 s)");
        String path = String.join(File.pathSeparator, modulePath);
        List<String> command = List.of(javaHome.resolve("bin/jlink").toString(), "-J-javaagent:" + agent,
                "-J--module-path=" + path, "-J--add-modules=org.pastalab.fray.instrumentation.jdk",
                "-J--class-path=" + path, "--output=" + building.resolve("fray-java"),
                "--add-modules=" + linkableModules(javaHome), "--release-info", "add:IMPLEMENTOR=Fray",
                "--fray-instrumentation");
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("jlink exited with " + exit + ": " + String.join(" ", command));
        }
        Files.writeString(building.resolve("fray-java/fray-version"), frayVersion, StandardCharsets.UTF_8);
        try {
            Files.move(building.resolve("fray-java"), cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherBuildWon) {
            if (!isBuilt(cached, frayVersion)) {
                throw anotherBuildWon;
            }
        }
        return cached;
    }

    private static boolean isBuilt(Path cached, String frayVersion) throws IOException {
        Path marker = cached.resolve("fray-version");
        return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(frayVersion);
    }

    /** Every module of the run-time image but the two that cannot be linked from one (JEP 493). */
    private static String linkableModules(Path javaHome) throws IOException, InterruptedException {
        Process list = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "--list-modules").start();
        String modules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        return modules.lines().map(line -> line.replaceAll("@.*", "").trim())
                .filter(name -> !name.isEmpty() && !name.equals("jdk.jlink") && !name.equals("jdk.jpackage"))
                .collect(Collectors.joining(","));
    }

    /** Points {@code link} at {@code built}, replacing an older link. */
    static void link(Path built, Path link) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(built)) {
            return;
        }
        Files.createDirectories(link.toAbsolutePath().getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, built);
    }

    private static String release(Path javaHome, String key) {
        try {
            Optional<String> value = Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                    .map(raw -> raw.replace("\"", "")).findFirst();
            return value.orElseThrow(() -> new IllegalStateException("no " + key + " in " + javaHome.resolve("release")));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

}
