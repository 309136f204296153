package io.segcheck.sim.cli;

import io.segcheck.sim.matrix.Detectors;
import io.segcheck.sim.world.WorldFactory;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The segcheck command line: {@code ./segcheck COMMAND [ARGS]} or
 * {@code java --enable-native-access=ALL-UNNAMED -jar sim/target/segcheck.jar COMMAND [ARGS]}.
 *
 * <p>Exit codes are typed ({@link ExitCode}): 0 clean, 1 violation, 2 usage error, 3 internal error, 4 incomplete.
 */
public final class Main {

    private Main() {
    }

    /** Every command, in the order the usage text lists them. */
    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command command : List.<Command>of(new DefectsCommand(), new RunCommand(Target::fromOptions),
                new SweepCommand(Target::fromOptions, System.err, System::nanoTime),
                new ReplayCommand(Target::fromOptions),
                new SimCommand(System.err, System::nanoTime), new SoakCommand(),
                new MatrixCommand((resultsRoot, jobs) -> Detectors.all(new WorldFactory(), resultsRoot, jobs),
                        System.err, System::nanoTime), new MergeCommand())) {
            commands.put(command.name(), command);
        }
        return commands;
    }

    public static void main(String[] args) {
        // segcheck's own assertions stay on in simulation, as under surefire, so a run fails the same
        // way from the CLI and from mvn verify; an allocator under check loads in its own class loader
        // with assertions off unless --ea names its packages, so its asserts are not taken for findings.
        Main.class.getClassLoader().setPackageAssertionStatus("io.segcheck", true);
        System.exit(run(args, System.out, System.err).code());
    }

    /**
     * The command that starts a JVM like this one serving the seeds of {@code command} run with
     * {@code args} on its standard input, as a child of {@code --spread processes} does.
     */
    public static List<String> seedServer(String command, List<String> args) {
        return Spread.childCommand(command, args);
    }

    /** Runs one command line; separated from {@link #main} so tests can call it. */
    public static ExitCode run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, commands());
    }

    /** Runs one command line against {@code commands}; tests pass commands bound to a test world. */
    static ExitCode run(String[] args, PrintStream out, PrintStream err, Map<String, Command> commands) {
        if (args.length == 2 && args[0].equals("help") && args[1].equals("--markdown")) {
            out.print(CliReference.markdown(commands));
            return ExitCode.CLEAN;
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            printUsage(args.length == 0 ? err : out, commands);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.CLEAN;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("segcheck: unknown command '" + args[0] + "'");
            printUsage(err, commands);
            return ExitCode.USAGE;
        }
        List<String> commandArgs = List.of(args).subList(1, args.length);
        if (commandArgs.contains("--help") || commandArgs.contains("-h")) {
            out.println("usage: segcheck " + command.usage());
            return ExitCode.CLEAN;
        }
        try {
            return command.run(commandArgs, out);
        } catch (UsageException usage) {
            err.println("segcheck " + command.name() + ": " + usage.getMessage());
            err.println("usage: segcheck " + command.usage());
            return ExitCode.USAGE;
        } catch (Exception | Error internal) {
            err.println("segcheck " + command.name() + ": internal error");
            internal.printStackTrace(err);
            return ExitCode.INTERNAL;
        }
    }

    private static void printUsage(PrintStream stream, Map<String, Command> commands) {
        stream.println("usage: segcheck COMMAND [ARGS]");
        for (Command command : commands.values()) {
            stream.println("  " + command.usage());
        }
        stream.println("  verify                       full build and every test (launcher only)");
        stream.println("  bench [JMH ARGS]             JMH benchmarks (launcher only)");
        stream.println("  races --seeds A..B ...       generated concurrent scenarios under Fray (launcher only)");
        stream.println("  help [--markdown]            this text; --markdown prints the CLI reference (docs/cli.md)");
        stream.println("exit codes:");
        for (ExitCode code : ExitCode.values()) {
            stream.println("  " + code.code() + " " + code.name() + ": " + code.description());
        }
    }
}
