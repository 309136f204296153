package io.segcheck.sim.world;

import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Words for a step's arguments, so a report or replay file reads without segcheck's source:
 * {@code releaseForeign 1 0} is {@code kind=1 (an offset-0 half slice of a live raw lease) lease=0
 * (the newest live raw lease)}. Every argument is named after its {@link Action.ArgRole}.
 */
public final class StepWords {

    private StepWords() {
    }

    /** The words of a world step (the sequence runner's); empty for an action the world does not know. */
    public static String of(Step step) {
        return of(step, "");
    }

    /**
     * The words of {@code step} whose object arguments count from {@code owner}'s newest objects
     * ({@code "the worker's"} for a simulator's worker step, empty for the world's own).
     */
    public static String of(Step step, String owner) {
        Action action;
        try {
            action = Action.named(step.action());
        } catch (IllegalArgumentException notAWorldAction) {
            return "";
        }
        List<String> words = new ArrayList<>();
        List<Action.ArgRole> roles = action.roles();
        for (int i = 0; i < roles.size() && i < step.args().size(); i++) {
            words.add(word(action, roles.get(i), step.arg(i), owner));
        }
        return String.join(" ", words);
    }

    private static String word(Action action, Action.ArgRole role, long value, String owner) {
        String whose = owner.isEmpty() ? "" : owner + " ";
        return switch (role) {
            case INDEX -> index(action, value, whose);
            case SIZE -> "bytes=" + value + (value <= 0 ? " (a bad size)" : "");
            case FOREIGN_KIND -> "kind=" + value + " (" + switch ((int) Math.floorMod(value, 3L)) {
                case 0 -> "another arena's segment";
                case 1 -> "an offset-0 half slice of a live raw lease";
                default -> "a heap segment";
            } + ")";
            case ALIAS_KIND -> "view=" + value + " (" + switch ((int) Math.floorMod(value, 3L)) {
                case 0 -> "asSlice(0)";
                case 1 -> "asReadOnly()";
                default -> "reinterpret(byteSize())";
            } + " of a live raw lease)";
            case PAGE_MISUSE_KIND -> "misuse=" + value + (Math.floorMod(value, 2L) == 0
                    ? " (release the page's record view raw)" : " (reset the page with another page's view)");
            case LENGTH -> "length=" + value + (value < 0 ? " (null data)" : "");
            case FLAG -> "flag=" + value;
            default -> role.name().toLowerCase(java.util.Locale.ROOT) + "=" + value;
        };
    }

    /** Which object an index names, counted from the newest (0). */
    private static String index(Action action, long value, String whose) {
        String newest = value == 0 ? "the newest" : value + " before the newest";
        return switch (action) {
            case RELEASE -> "raw=" + value + " (" + newest + " of " + whose + "raw leases, released ones included)";
            case RELEASE_FOREIGN, RELEASE_ALIAS -> "lease=" + value + " (" + newest + " of " + whose + "live raw leases)";
            case CLOSE_GUARD -> "guard=" + value + " (" + newest + " of " + whose + "guards)";
            default -> "page=" + value + " (" + newest + " of " + whose + "pages)";
        };
    }
}
