package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad --allocator, --classpath or --coverage is a usage error (exit 2) that says what is wrong, before anything runs. */
class BindingOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingJarIsAUsageErrorNamingThePath() {
        assertEquals(ExitCode.USAGE, run("sweep", "--seeds", "0..1", "--allocator", "x.Factory",
                "--classpath", "/nonexistent/allocator.jar"));
        assertTrue(errors().contains("--classpath entry=/nonexistent/allocator.jar does not exist"), errors());
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty(), "nothing ran");
    }

    @Test
    void unknownFactoryClassIsAUsageErrorNamingTheClass() {
        assertEquals(ExitCode.USAGE, run("run", "--seed", "1", "--allocator", "com.example.NoSuchFactory"));
        assertTrue(errors().contains("class=com.example.NoSuchFactory not found"), errors());
        assertTrue(errors().contains("--classpath"), "tells how to fix it: " + errors());
    }

    @Test
    void classThatIsNoFactoryIsAUsageError() {
        assertEquals(ExitCode.USAGE, run("sweep", "--allocator", "java.lang.String"));
        assertTrue(errors().contains("does not implement io.segcheck.api.AllocatorFactory"), errors());
    }

    @Test
    void wholeSystemCoverageNeedsThePagesSizeClasses() {
        assertEquals(ExitCode.USAGE, run("sweep", "--seeds", "0..1", "--allocator", OneClassFactory.class.getName(),
                "--coverage", "system"));
        assertTrue(errors().contains("--coverage system needs the size classes"), errors());
    }

    @Test
    void segcheckOwnAllocatorBindsThroughTheSameSeamAllocatorOnly() {
        assertEquals(ExitCode.CLEAN, run("sweep", "--seeds", "0..3", "--steps", "50", "--quiet", "--allocator",
                "io.segcheck.impl.alloc.SegcheckAllocatorFactory", "--coverage", "allocator"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("allocator=segcheck coverage=allocator"),
                out.toString(StandardCharsets.UTF_8));
    }
}
