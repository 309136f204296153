package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.PlainAllocatorFactory;
import io.segcheck.kit.fray.FrayExplorer.Exploration;
import io.segcheck.kit.fray.FrayExplorer.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generated concurrent scenarios on a team's pages, under Fray: from a seed, one or two pages of a
 * {@link PageFactory} (filled a little first, so a return has segments to give back), then 2-3
 * threads of 1-4 page calls each (a write that may resize, a read, a return, a clear, a return
 * followed by a reset, a guard opened and closed, and the allocator's release of a lease that is
 * no page's), all on one {@code ObservingAllocator}, run to the end under each Fray schedule. Judged
 * by the page-design model (each call's ending must be explained by some order of the racing calls;
 * a read returns something written to its slot; after return a page holds nothing) and by the
 * kit's {@code PageOracle} over what the allocator saw (racing returns release each segment exactly
 * once; nothing touches a released segment; nothing leaks). Nothing is shaped for a bug: a search
 * walks seeds until a program fails.
 *
 * <pre>{@code
 * Optional<Found> found = new GeneratedPageScenarios(new MyPageFactory()).search("mine", 0, 10, 20, Strategy.POS);
 * }</pre>
 */
public final class GeneratedPageScenarios {

    /** A call of a generated program. */
    public enum Call {
        /** write a record (or a DeweyID, on a page keeping them) of {@code length} bytes to {@code slot}; may resize. */
        WRITE,
        /** read record {@code slot}. */
        READ,
        /** returnSegments(). */
        RETURN,
        /** clear(). */
        CLEAR,
        /**
         * returnSegments(), then reset() on the returned page (only where the design declares reset
         * legal; at most one per page in a program, so nothing but returns races it).
         */
        RETURN_THEN_RESET,
        /** guard() kept open until the thread's next GUARD_CLOSE or its end (only where the design has guards). */
        GUARD_OPEN,
        /** closes the thread's newest open guard. */
        GUARD_CLOSE,
        /** the allocator's release of a lease made for this thread before it started, which no page holds. */
        RELEASE_FOREIGN
    }

    /** One call on page {@code page}; {@code slot} and {@code length} for writes and reads; {@code deweyId}: the DeweyID area. */
    public record Step(Call call, int page, int slot, int length, boolean deweyId) {
        public String text() {
            String name = call.name().toLowerCase(Locale.ROOT);
            return switch (call) {
                case WRITE -> name + (deweyId ? "DeweyId" : "") + "(p" + page + ", " + slot + ", byte[" + length + "])";
                case READ -> name + "(p" + page + ", " + slot + ")";
                case RELEASE_FOREIGN, GUARD_CLOSE -> name + "()";
                default -> name + "(p" + page + ")";
            };
        }
    }

    /** A program: the pages (how each keeps DeweyIDs), the writes before the threads start, the threads' calls. */
    public record Program(long seed, List<PageDesign.DeweyIds> pages, int prefill, List<List<Step>> threads) {
        public String text() {
            StringBuilder text = new StringBuilder("seed " + seed + ": pages " + pages + ", " + prefill + " writes each first");
            for (int thread = 0; thread < threads.size(); thread++) {
                text.append("; t").append(thread).append(':');
                threads.get(thread).forEach(step -> text.append(' ').append(step.text()));
            }
            return text.toString();
        }

        /** Whether some thread returns page {@code page}. */
        boolean returns(int page) {
            return threads.stream().flatMap(List::stream).anyMatch(step -> step.page() == page
                    && (step.call() == Call.RETURN || step.call() == Call.RETURN_THEN_RESET));
        }

        /** Whether some thread resets page {@code page}. */
        boolean resets(int page) {
            return threads.stream().flatMap(List::stream).anyMatch(step -> step.page() == page
                    && step.call() == Call.RETURN_THEN_RESET);
        }
    }

    /** A failing program and its exploration (seed, the failing schedule, seconds). */
    public record Found(Program program, Exploration exploration, int programsTried) {
    }

    private final PageFactory pages;
    private final AllocatorFactory allocators;

    /** Pages of {@code pages} on segcheck's plain allocator (under the observing one). */
    public GeneratedPageScenarios(PageFactory pages) {
        this(pages, new PlainAllocatorFactory());
    }

    public GeneratedPageScenarios(PageFactory pages, AllocatorFactory allocators) {
        this.pages = pages;
        this.allocators = allocators;
    }

    /**
     * The program of {@code seed} for pages of {@code design}: swarm weights per seed over the calls
     * the design allows, slots from a few so reads meet writes, lengths mostly short and some long
     * enough to resize.
     */
    public static Program generate(long seed, PageDesign design) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x9A6E);
        List<Call> allowed = new ArrayList<>(List.of(Call.WRITE, Call.READ, Call.RETURN, Call.CLEAR, Call.RELEASE_FOREIGN));
        if (design.legalAfterReturn(PageDesign.Call.RESET)) {
            allowed.add(Call.RETURN_THEN_RESET);
        }
        if (design.guards()) {
            allowed.add(Call.GUARD_OPEN);
            allowed.add(Call.GUARD_CLOSE);
        }
        int[] weights = new int[allowed.size()];
        int total = 0;
        for (int index = 0; index < weights.length; index++) {
            weights[index] = random.nextInt(4) + (allowed.get(index) == Call.RETURN ? 1 : 0);
            total += weights[index];
        }
        List<PageDesign.DeweyIds> ways = List.copyOf(design.deweyIds());
        List<PageDesign.DeweyIds> chosen = new ArrayList<>();
        int pageCount = 1 + random.nextInt(2);
        for (int page = 0; page < pageCount; page++) {
            chosen.add(ways.get(random.nextInt(ways.size())));
        }
        int longest = (int) Math.max(16, Math.min(1 << 14, design.resize().maxAreaBytes() / 4));
        List<List<Step>> threads = new ArrayList<>();
        boolean[] reset = new boolean[pageCount];
        int threadCount = 2 + random.nextInt(2);
        for (int thread = 0; thread < threadCount; thread++) {
            List<Step> steps = new ArrayList<>();
            int length = 1 + random.nextInt(4);
            for (int index = 0; index < length; index++) {
                Call call = pick(allowed, weights, random.nextInt(total));
                int page = random.nextInt(pageCount);
                if (call == Call.RETURN_THEN_RESET && reset[page]) {
                    call = Call.RETURN; // one reset per page: only returns race it, so it always finds the page returned
                }
                reset[page] |= call == Call.RETURN_THEN_RESET;
                boolean deweyId = call == Call.WRITE && chosen.get(page) != PageDesign.DeweyIds.NONE && random.nextInt(3) == 0;
                int bytes = random.nextInt(4) == 0 ? 1 + random.nextInt(longest) : 1 + random.nextInt(48);
                steps.add(new Step(call, page, random.nextInt(4), bytes, deweyId));
            }
            threads.add(steps);
        }
        return new Program(seed, chosen, 1 + random.nextInt(6), threads);
    }

    private static Call pick(List<Call> allowed, int[] weights, int roll) {
        int left = roll;
        for (int index = 0; index < weights.length; index++) {
            left -= weights[index];
            if (left < 0) {
                return allowed.get(index);
            }
        }
        return allowed.getLast();
    }

    /** Seeds {@code from} onwards, {@code programs} of them, each explored for {@code iterations} schedules. */
    public Optional<Found> search(String name, long from, int programs, int iterations, Strategy strategy) {
        return FrayExplorer.searchPrograms(name, from, programs, iterations, strategy, seed -> generate(seed, pages.design()),
                this::iteration).map(found -> new Found(found.program(), found.exploration(), found.programsTried()));
    }

    /** One schedule's run: new pages on a new observing allocator, the threads started together, the checks. */
    public Runnable iteration(Program program) {
        return () -> {
            try (PageScenarioRun run = new PageScenarioRun(pages, allocators, program)) {
                run.run();
            }
        };
    }
}
