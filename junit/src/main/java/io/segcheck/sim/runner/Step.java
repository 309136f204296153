package io.segcheck.sim.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One generated call: an action name and integer arguments, e.g. {@code setSlot 2 17 300}.
 *
 * <p>This is also one line of a replay file, so {@link #parse(String)} is the exact inverse of
 * {@link #toLine()}. Arguments that refer to pages, guards, segments or keys are raw numbers that
 * the binding interprets modulo the current population when the step is applied, so removing
 * earlier steps while shrinking can turn a step into a no-op but never into an invalid step.
 *
 * @param action the action name, a Java-identifier-like word from {@link ActionCatalog#actionNames()}
 * @param args the arguments in order; may be empty
 */
public record Step(String action, List<Long> args) {

    public Step {
        Objects.requireNonNull(action, "action");
        if (!isActionName(action)) {
            throw new IllegalArgumentException("action='" + action
                    + "' must be a word of letters, digits and '_' starting with a letter");
        }
        args = List.copyOf(args);
    }

    /** A step from varargs, for bindings and tests. */
    public static Step of(String action, long... args) {
        List<Long> list = new ArrayList<>(args.length);
        for (long arg : args) {
            list.add(arg);
        }
        return new Step(action, list);
    }

    /** The argument at {@code index}; the binding decides what it means. */
    public long arg(int index) {
        if (index < 0 || index >= args.size()) {
            throw new IndexOutOfBoundsException("index=" + index + " argCount=" + args.size() + " step=" + toLine());
        }
        return args.get(index);
    }

    /** The same action with argument {@code index} replaced, for {@link ActionCatalog#simplerVariants}. */
    public Step withArg(int index, long value) {
        List<Long> changed = new ArrayList<>(args);
        changed.set(index, value);
        return new Step(action, changed);
    }

    /** The replay-file form: the action and its arguments separated by single spaces. */
    public String toLine() {
        StringBuilder line = new StringBuilder(action);
        for (long arg : args) {
            line.append(' ').append(arg);
        }
        return line.toString();
    }

    /**
     * Parses {@link #toLine()} output; surrounding and repeated whitespace is allowed.
     *
     * @throws IllegalArgumentException naming the line and the bad word
     */
    public static Step parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("step line is empty");
        }
        String[] words = trimmed.split("\\s+");
        List<Long> args = new ArrayList<>(words.length - 1);
        for (int i = 1; i < words.length; i++) {
            try {
                args.add(Long.parseLong(words[i]));
            } catch (NumberFormatException notNumber) {
                throw new IllegalArgumentException("step line='" + trimmed + "' argument=" + words[i]
                        + " is not an integer", notNumber);
            }
        }
        return new Step(words[0], args);
    }

    private static boolean isActionName(String word) {
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            return false;
        }
        return word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    @Override
    public String toString() {
        return toLine();
    }
}
