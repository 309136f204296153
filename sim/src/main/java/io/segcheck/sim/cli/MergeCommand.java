package io.segcheck.sim.cli;

import io.segcheck.sim.matrix.Matrix;
import io.segcheck.sim.matrix.Render;
import io.segcheck.sim.matrix.Summary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code segcheck merge DIR|FILE...}: combines the {@code summary.tsv} files that shards of
 * {@code matrix}, {@code sweep} and {@code sim} wrote (a folder is searched for them) into one
 * report: matrix cells side by side, mark counts summed, every finding with its replay file.
 * Exit 1 when a defect escaped every detector (or was caught by none that ran while another did not run), a finding was reported, or a mark was never reached
 * by any shard that counts marks.
 */
final class MergeCommand implements Command {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String usage() {
        return "merge [--out DIR] DIR|FILE...   combines shards' summary.tsv files into one report"
                + "\n                               (cells, summed mark counts, findings with replay files)";
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out) throws UsageException, IOException {
        Options options = Options.parse(args, Set.of("--out"), Set.of());
        if (options.positional().isEmpty()) {
            throw new UsageException("name at least one summary file or folder");
        }
        List<Path> files = new ArrayList<>();
        for (String name : options.positional()) {
            files.addAll(summaries(Path.of(name)));
        }
        if (files.isEmpty()) {
            throw new UsageException("no " + Summary.FILE_NAME + " under " + options.positional());
        }
        Summary merged = new Summary();
        for (Path file : files) {
            try {
                merged.addAll(Summary.read(file));
            } catch (IllegalArgumentException unreadable) {
                throw new UsageException(unreadable.getMessage());
            }
        }
        Path outDir = options.value("--out").map(Path::of).orElse(Path.of("target", "segcheck-merged"));
        MatrixCommand.write(merged, outDir);
        out.println("merge: " + files.size() + " summaries");
        out.print(Render.markdown(merged));
        List<String> escaped = Matrix.escaped(merged);
        List<String> unreached = merged.unreachedMarks();
        List<String> undecided = Matrix.describeUndecided(merged);
        undecided.forEach(line -> out.println("NOT RUN " + line));
        boolean failed = !escaped.isEmpty() || !undecided.isEmpty() || !merged.findings().isEmpty()
                || !unreached.isEmpty();
        out.println("merge " + (failed ? "FAILED:" : "PASSED") + (escaped.isEmpty() ? "" : " escaped=" + escaped)
                + (undecided.isEmpty() ? "" : " undecided=" + Matrix.undecided(merged).keySet())
                + (merged.findings().isEmpty() ? "" : " findings=" + merged.findings().size())
                + (unreached.isEmpty() ? "" : " unreachedMarks=" + unreached)
                + (Matrix.awaitingDetector(merged).isEmpty() ? "" : " noDetectorYet=" + Matrix.awaitingDetector(merged))
                + "; wrote " + outDir.resolve("matrix.md"));
        return failed ? ExitCode.VIOLATION : ExitCode.CLEAN;
    }

    private static List<Path> summaries(Path path) throws IOException, UsageException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UsageException("no such file or folder: " + path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(file -> file.getFileName().toString().equals(Summary.FILE_NAME)).sorted().toList();
        }
    }
}
