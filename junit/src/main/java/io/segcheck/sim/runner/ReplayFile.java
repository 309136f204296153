package io.segcheck.sim.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact replay of a run, as a text file a person can read and edit:
 *
 * <pre>
 * # segcheck replay
 * # format=1
 * # seed=42
 * # steps=3
 * # defects=RESIZE_SHARED_DANGLING
 * # guardMode=on
 * # budgetBytes=4194304
 * # regionBytes=262144
 * # cacheWeightBytes=1048576
 * # checking=LOCKSTEP
 * # expect=DOUBLE_RELEASE
 * # violation=step 2: DOUBLE_RELEASE: ...
 * borrowPage 0 4096 0
 * setSlot 0 3 9000
 * returnPage 0
 * </pre>
 *
 * <p>Header lines are {@code # key=value}; the {@link RunConfig#settings()} keys are required and
 * rebuild the world, any other key is a note ({@code expect}, {@code violation}, {@code swarm},
 * {@code generatedSteps}, ...). Other lines starting with {@code #} are comments. Every other
 * non-blank line is one {@link Step}. The {@code steps} header must match the number of step
 * lines, so a truncated file is rejected instead of replayed short.
 *
 * @param config the run settings; {@code config.steps()} equals {@code steps.size()}
 * @param steps the steps, in order
 * @param notes header entries that are not settings, in file order
 */
public record ReplayFile(RunConfig config, List<Step> steps, Map<String, String> notes) {

    /** The first line of every replay file. */
    public static final String MAGIC = "# segcheck replay";
    /** The header key of the file format's version; a file without it is version 1. */
    public static final String FORMAT = "format";
    /** The format this segcheck writes and reads; a file of a newer format is refused, naming both. */
    public static final int FORMAT_VERSION = 1;
    /** The note naming the signature the run failed with when it was written. */
    public static final String EXPECT = "expect";

    public ReplayFile {
        Objects.requireNonNull(config, "config");
        steps = List.copyOf(steps);
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        if (config.steps() != steps.size()) {
            throw new IllegalArgumentException("config steps=" + config.steps() + " but stepLines=" + steps.size());
        }
        for (String key : notes.keySet()) {
            if (config.settings().containsKey(key) || key.equals(FORMAT) || !isKey(key)) {
                throw new IllegalArgumentException("note key=" + key + " is a setting or not a word");
            }
        }
    }

    /** The file's lines, header first. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(MAGIC);
        lines.add("# " + FORMAT + "=" + FORMAT_VERSION);
        config.settings().forEach((key, value) -> lines.add("# " + key + "=" + value));
        notes.forEach((key, value) -> lines.add("# " + key + "=" + oneLine(value)));
        for (Step step : steps) {
            lines.add(step.toLine());
        }
        return lines;
    }

    /** Writes the file, creating its folder; returns {@code path}. */
    public Path write(Path path) throws IOException {
        return write(path, List.of());
    }

    /**
     * Writes the file with {@code comments} as comment lines between the header and the steps (a
     * legend of the steps' arguments); reading it back ignores them.
     */
    public Path write(Path path, List<String> comments) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<String> lines = lines();
        List<String> commented = new ArrayList<>(lines.subList(0, lines.size() - steps.size()));
        comments.forEach(comment -> commented.add("# " + oneLine(comment)));
        commented.addAll(lines.subList(lines.size() - steps.size(), lines.size()));
        Files.write(path, commented, StandardCharsets.UTF_8);
        return path;
    }

    /**
     * Reads a replay file.
     *
     * @throws IllegalArgumentException naming the file, the line number and what is wrong
     */
    public static ReplayFile read(Path path) throws IOException {
        return parse(readLines(path), path.toString());
    }

    /**
     * The lines of {@code path}, decoded strictly as UTF-8.
     *
     * @throws IllegalArgumentException naming the file and the first line whose bytes are not UTF-8
     */
    public static List<String> readLines(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end == bytes.length || bytes[end] == '\n') {
                if (end == bytes.length && start == end) {
                    break; // the final newline ends the last line; it does not start another
                }
                lines.add(decodeLine(bytes, start, end, path, lines.size() + 1));
                start = end + 1;
            }
        }
        return lines;
    }

    private static String decodeLine(byte[] bytes, int start, int end, Path path, int lineNumber) {
        try {
            String line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, start, end - start)).toString();
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (java.nio.charset.CharacterCodingException notText) {
            throw new IllegalArgumentException("file=" + path + " line=" + lineNumber
                    + ": the bytes are not UTF-8 text (a replay file is plain UTF-8; was it saved in another encoding?)",
                    notText);
        }
    }

    /**
     * The 1-based line number of step {@code stepIndex} in {@code lines} (the text of a replay file),
     * or -1: steps are the lines after the first that are neither blank nor {@code #} lines.
     */
    public static int lineOfStep(List<String> lines, int stepIndex) {
        int first = firstNonBlank(lines);
        int seen = 0;
        for (int i = first + 1; first >= 0 && i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#") && seen++ == stepIndex) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Checks that every step names one of {@code knownActions}.
     *
     * @throws IllegalArgumentException naming the file, the line of the first unknown step and the known actions
     */
    public void requireKnownActions(List<String> knownActions, List<String> fileLines, String source) {
        for (int i = 0; i < steps.size(); i++) {
            if (!knownActions.contains(steps.get(i).action())) {
                throw new IllegalArgumentException("file=" + source + " line=" + lineOfStep(fileLines, i) + ": step '"
                        + steps.get(i).toLine() + "' names no action of this world; known actions: " + knownActions);
            }
        }
    }

    /** Parses the lines of a replay file; {@code source} names it in error messages. */
    public static ReplayFile parse(List<String> lines, String source) {
        int first = firstNonBlank(lines);
        if (first < 0 || !lines.get(first).strip().equals(MAGIC)) {
            throw new IllegalArgumentException("file=" + source + " is not a segcheck replay: the first line must be '"
                    + MAGIC + "'");
        }
        Map<String, String> header = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            try {
                readLine(line, header, steps);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("file=" + source + " line=" + (i + 1) + ": " + bad.getMessage(), bad);
            }
        }
        try {
            return fromHeader(header, steps);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("file=" + source + ": " + bad.getMessage(), bad);
        }
    }

    private static void readLine(String line, Map<String, String> header, List<Step> steps) {
        if (line.isEmpty()) {
            return;
        }
        if (!line.startsWith("#")) {
            steps.add(Step.parse(line));
            return;
        }
        String body = line.substring(1).strip();
        int equals = body.indexOf('=');
        if (equals > 0 && isKey(body.substring(0, equals))) {
            String key = body.substring(0, equals);
            if (header.put(key, body.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("header key=" + key + " appears twice");
            }
        }
        // Any other '#' line is a comment a person added; it changes nothing.
    }

    private static ReplayFile fromHeader(Map<String, String> header, List<Step> steps) {
        Map<String, String> notes = new LinkedHashMap<>(header);
        String format = notes.remove(FORMAT);
        if (format != null && !format.equals(Integer.toString(FORMAT_VERSION))) {
            throw new IllegalArgumentException("header " + FORMAT + "=" + format + " but this segcheck reads "
                    + FORMAT + "=" + FORMAT_VERSION + " (a file from a newer segcheck? see docs/replay-format.md)");
        }
        long seed = parseLong(notes, "seed");
        long stepCount = parseLong(notes, "steps");
        if (stepCount != steps.size()) {
            throw new IllegalArgumentException("header steps=" + stepCount + " but the file has stepLines="
                    + steps.size() + " (truncated or edited?)");
        }
        String defectNames = required(notes, "defects");
        Switches defects = Switches.parse(defectNames);
        boolean guardMode = parseOnOff(required(notes, "guardMode"), "guardMode");
        // Files written before the quarantine length was drawn per seed ran with the allocator's default.
        int quarantine = notes.containsKey("quarantineSlices")
                ? Math.toIntExact(parseLong(notes, "quarantineSlices")) : RunConfig.LEGACY_QUARANTINE_SLICES;
        long budget = parseLong(notes, "budgetBytes");
        long region = parseLong(notes, "regionBytes");
        long cacheWeight = parseLong(notes, "cacheWeightBytes");
        Checking checking = parseChecking(required(notes, "checking"));
        RunConfig config = new RunConfig(seed, steps.size(), defects, guardMode, quarantine, budget, region, cacheWeight,
                checking);
        return new ReplayFile(config, steps, notes);
    }

    /** Removes and returns the header value of {@code key}. */
    private static String required(Map<String, String> notes, String key) {
        String value = notes.remove(key);
        if (value == null) {
            throw new IllegalArgumentException("header key=" + key + " is missing");
        }
        return value;
    }

    private static long parseLong(Map<String, String> notes, String key) {
        String value = required(notes, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("header " + key + "=" + value + " is not an integer", notNumber);
        }
    }

    static boolean parseOnOff(String value, String key) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value + " must be on or off");
        };
    }

    private static Checking parseChecking(String value) {
        try {
            return Checking.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("checking=" + value + " must be one of "
                    + java.util.Arrays.toString(Checking.values()), unknown);
        }
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isKey(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    private static String oneLine(String value) {
        return value.replace('\n', ' ').replace('\r', ' ');
    }
}
