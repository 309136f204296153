package io.segcheck.sim.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs cannot drift from the code: the CLI reference is what the CLI prints, every
 * {@code ./segcheck COMMAND --flag} in the README and docs names a command and flags the CLI has,
 * and every relative link resolves.
 */
class DocsCheckTest {

    /** Tests run in sim/; the repository root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> LAUNCHER_COMMANDS = Set.of("verify", "mvn", "bench", "help", "races");
    private static final Pattern COMMAND = Pattern.compile("\\./segcheck\\s+([a-z][a-z-]*)([^`\\n|]*)");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void theCliReferenceIsWhatTheCliPrints() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(ExitCode.CLEAN, Main.run(new String[] {"help", "--markdown"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        Path reference = ROOT.resolve("docs/cli.md");
        assertTrue(Files.exists(reference), "docs/cli.md is missing: ./segcheck help --markdown > docs/cli.md");
        assertEquals(out.toString(StandardCharsets.UTF_8), Files.readString(reference),
                "docs/cli.md is out of date: run ./segcheck help --markdown > docs/cli.md");
    }

    @Test
    void everyDocumentedCommandAndFlagExistsInTheCli() throws IOException {
        Map<String, Command> commands = Main.commands();
        List<String> problems = new ArrayList<>();
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher command = COMMAND.matcher(lines.get(i));
                while (command.find()) {
                    String name = command.group(1);
                    String where = ROOT.relativize(doc) + ":" + (i + 1);
                    if (LAUNCHER_COMMANDS.contains(name)) {
                        continue;
                    }
                    if (!commands.containsKey(name)) {
                        problems.add(where + ": ./segcheck " + name + " is no command; known: " + commands.keySet());
                        continue;
                    }
                    String usage = commands.get(name).usage();
                    Matcher flag = FLAG.matcher(command.group(2).split("#")[0]);
                    while (flag.find()) {
                        if (!usage.contains(flag.group(1)) && !flag.group(1).equals("--help")) {
                            problems.add(where + ": ./segcheck " + name + " has no option " + flag.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher link = LINK.matcher(Files.readString(doc));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // http(s), mailto: checked by no test here; anchors within the page
                }
                Path file = doc.getParent().resolve(target.split("#")[0]).normalize();
                if (!Files.exists(file)) {
                    problems.add(ROOT.relativize(doc) + ": link " + target + " -> " + ROOT.relativize(file)
                            + " does not exist");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** README, CONTRIBUTING and every markdown file under docs/. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        for (String top : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
            if (Files.exists(ROOT.resolve(top))) {
                documents.add(ROOT.resolve(top));
            }
        }
        if (Files.isDirectory(ROOT.resolve("docs"))) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve("docs"))) {
                walk.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
            }
        }
        assertTrue(documents.contains(ROOT.resolve("README.md")), "no README.md at " + ROOT);
        return documents;
    }
}
