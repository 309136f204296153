package io.segcheck.sim.runner;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * {@link ParallelSeeds}' work done by child JVMs, one per job, for checks that cannot share a JVM:
 * a Fray exploration controls every thread of its JVM, so two cannot run side by side in one. The
 * worker thread of each job ({@link ParallelSeeds#currentJob}) starts the job's child the first
 * time it runs a seed, writes it the seed and reads back one line; the child ({@link #serve}) runs
 * the seed and answers. A child lives until {@link #close}, so runs one after another reuse it
 * warm; it is told the core laid out for its job ({@link CorePinning#CPU_VARIABLE}), for work that
 * pins. The caller still gets the results in seed order, so what it prints and decides is what one
 * JVM would.
 *
 * <p>A result is one line of text: the child's own output that does not start with the answer's
 * prefix is passed over, so a library that prints does not break the exchange.
 */
public final class SeedProcesses implements ParallelSeeds.Work<String>, AutoCloseable {

    private static final String ANSWER = "segcheck-seed ";

    private final List<String> command;
    private final Map<Integer, Child> children = new ConcurrentHashMap<>();

    /** Children started with {@code command} (the JVM, its options, the main class and its arguments). */
    public SeedProcesses(List<String> command) {
        this.command = List.copyOf(command);
    }

    /**
     * The command that starts {@code main} with {@code arguments} in a JVM like this one: the same
     * java executable, JVM options (agents, module and native-access flags) and class path, plus
     * the system properties {@code forward} selects (those a build tool set after start-up).
     */
    public static List<String> likeThisJvm(Class<?> main, List<String> arguments, Predicate<String> forward) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("this JVM's executable is unknown")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.getProperties().stringPropertyNames().stream().filter(forward).sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        return command;
    }

    /** Runs {@code seed} in the calling worker thread's job's child; its answer line. */
    @Override
    public String run(long seed) {
        return child().run(seed);
    }

    /** Runs {@code seeds} in the calling worker thread's job's child, all sent before the first answer is read; their answer lines. */
    public List<String> runAll(long[] seeds) {
        return child().runAll(seeds);
    }

    /** The child of the calling worker thread's job, started the first time the job asks. */
    private Child child() {
        return children.computeIfAbsent(ParallelSeeds.currentJob(), job -> new Child(command, job));
    }

    /** Ends every child: closes its input, so it returns from {@link #serve}, and waits for it. */
    @Override
    public void close() {
        children.values().forEach(Child::close);
        children.clear();
    }

    /**
     * The child's side: reads seeds, one per line, until its input ends, and answers each with one
     * line of what {@code work} returns (which must hold no line break).
     */
    public static void serve(BufferedReader seeds, PrintStream answers, LongFunction<String> work) throws IOException {
        StringBuilder pending = new StringBuilder();
        for (String line = seeds.readLine(); line != null; line = seeds.readLine()) {
            long seed = Long.parseLong(line.trim());
            String answer = work.apply(seed);
            if (answer.indexOf('\n') >= 0 || answer.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("seed=" + seed + ": an answer must be one line: " + answer);
            }
            pending.append(ANSWER).append(seed).append(' ').append(answer).append('\n');
            if (!seeds.ready()) {
                // Answers go out together once no further seed of the batch waits here: one wake-up
                // of the reading thread per batch, not one per seed.
                answers.print(pending);
                answers.flush();
                pending.setLength(0);
            }
        }
    }

    /** One child JVM and the pipes to it; used by one job's worker thread at a time. */
    private static final class Child {
        private final Process process;
        private final BufferedWriter seeds;
        private final BufferedReader answers;

        Child(List<String> command, int job) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            CorePinning.cpuForJob(job).ifPresent(cpu -> builder.environment().put(CorePinning.CPU_VARIABLE,
                    Integer.toString(cpu)));
            try {
                process = builder.start();
            } catch (IOException startFailure) {
                throw new UncheckedIOException("could not start a seed process: " + command, startFailure);
            }
            seeds = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String run(long seed) {
            return runAll(new long[] {seed}).getFirst();
        }

        /** Sends every seed, then reads their answers in the same order: the child runs them back to back. */
        List<String> runAll(long[] batch) {
            try {
                for (long seed : batch) {
                    seeds.write(seed + "\n");
                }
                seeds.flush();
                List<String> lines = new ArrayList<>(batch.length);
                for (long seed : batch) {
                    lines.add(answer(seed));
                }
                return lines;
            } catch (IOException pipeFailure) {
                throw new UncheckedIOException("seeds=" + Arrays.toString(batch) + ": the seed process's pipe failed",
                        pipeFailure);
            }
        }

        private String answer(long seed) throws IOException {
            String prefix = ANSWER + seed + " ";
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            throw new IllegalStateException("seed=" + seed + ": the seed process ended without an answer (exit code "
                    + exitCode() + ")");
        }

        private String exitCode() {
            try {
                return Integer.toString(process.waitFor());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return "unknown: interrupted";
            }
        }

        void close() {
            try {
                seeds.close();
            } catch (IOException alreadyGone) {
                // the child ended already; waiting below tells
            }
            try {
                process.waitFor();
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
