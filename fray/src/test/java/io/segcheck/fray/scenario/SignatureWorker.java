package io.segcheck.fray.scenario;

import io.segcheck.impl.defect.Defects;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that runs one scenario's first schedules as the first thing it does and prints their
 * signatures on one line ({@link Signatures#of}); {@link ScheduleInAnyJvmFrayTest} compares it
 * with the same schedules run after other seeds. Started like this module's test JVM (Fray's agent).
 *
 * <p>Arguments: the seed, the number of schedules.
 */
public final class SignatureWorker {

    private SignatureWorker() {
    }

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int schedules = Integer.parseInt(args[1]);
        PrintStream answer = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // Fray's log lines must not mix with the answer
        answer.println(Signatures.of(seed, schedules, Defects.none()));
        System.exit(0); // Fray's runtime may leave non-daemon threads behind
    }
}
