package io.segcheck.sim.pages;

import io.segcheck.api.PageDesign;
import io.segcheck.sim.runner.ActionCatalog;
import io.segcheck.sim.runner.Step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The calls the page sweep generates, with their arguments: pages, slots and lengths are raw numbers
 * the world reads modulo what exists, so a shrunk sub-sequence always stays runnable.
 *
 * <pre>
 *  openPage      deweyIds             a page keeping DeweyIDs the design's n-th way
 *  writeRecord   page slot length fill
 *  writeDeweyId  page slot length fill
 *  readRecord    page slot
 *  readDeweyId   page slot
 *  clear         page
 *  returnSegments page
 *  racingReturns page                 two returns at once, the second inside the first's release
 *  reset         page
 *  borrowPage    deweyIds             from the factory's pool, when it binds one (else a no-op)
 *  giveBack      page                 a borrowed page back to its pool
 *  cachePut      page key             into the factory's cache, when it binds one (the cache's from then on)
 *  cacheGet      key
 *  cacheInvalidate key
 *  runRemoval                         the oldest queued task of the cache's removal listener
 * </pre>
 */
final class PageActions implements ActionCatalog {

    static final String OPEN = "openPage";
    static final String WRITE_RECORD = "writeRecord";
    static final String WRITE_DEWEY_ID = "writeDeweyId";
    static final String READ_RECORD = "readRecord";
    static final String READ_DEWEY_ID = "readDeweyId";
    static final String CLEAR = "clear";
    static final String RETURN = "returnSegments";
    static final String RACING_RETURNS = "racingReturns";
    static final String RESET = "reset";
    static final String BORROW = "borrowPage";
    static final String GIVE_BACK = "giveBack";
    static final String CACHE_PUT = "cachePut";
    static final String CACHE_GET = "cacheGet";
    static final String CACHE_INVALIDATE = "cacheInvalidate";
    static final String RUN_REMOVAL = "runRemoval";

    private static final List<String> NAMES = List.of(OPEN, WRITE_RECORD, WRITE_DEWEY_ID, READ_RECORD, READ_DEWEY_ID,
            CLEAR, RETURN, RACING_RETURNS, RESET, BORROW, GIVE_BACK);
    /** Generated only when the factory binds a cache, so other pages' sweeps draw the same calls as before. */
    static final List<String> CACHE_NAMES = List.of(CACHE_PUT, CACHE_GET, CACHE_INVALIDATE, RUN_REMOVAL);
    /** Keys drawn from a few, so puts replace and gets find. */
    static final int KEYS_DRAWN = 5;
    /** Slots drawn from the first few, so reads often find what writes stored. */
    private static final int SLOTS_DRAWN = 32;

    private final List<String> names;
    private final int slotCount;
    /** The largest length drawn: an eighth of the largest area, so a few writes resize and a few dozen overflow. */
    private final int longestEntryBytes;

    PageActions(PageDesign design, boolean cache) {
        this.names = cache ? concat(NAMES, CACHE_NAMES) : NAMES;
        this.slotCount = design.slotCount();
        this.longestEntryBytes = (int) Math.max(16, Math.min(1 << 16, design.resize().maxAreaBytes() / 8));
    }

    @Override
    public List<String> actionNames() {
        return names;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    @Override
    public Step generate(String action, SplittableRandom random) {
        long page = random.nextInt(4);
        long slot = random.nextInt(Math.min(SLOTS_DRAWN, slotCount));
        return switch (action) {
            case OPEN, BORROW -> Step.of(action, random.nextInt(3));
            case WRITE_RECORD, WRITE_DEWEY_ID -> Step.of(action, page, slot, length(random), random.nextInt(256));
            case READ_RECORD, READ_DEWEY_ID -> Step.of(action, page, slot);
            case CLEAR, RETURN, RACING_RETURNS, RESET, GIVE_BACK -> Step.of(action, page);
            case CACHE_PUT -> Step.of(action, page, random.nextInt(KEYS_DRAWN));
            case CACHE_GET, CACHE_INVALIDATE -> Step.of(action, random.nextInt(KEYS_DRAWN));
            case RUN_REMOVAL -> Step.of(action);
            default -> throw new IllegalArgumentException("action=" + action + " is not a page action");
        };
    }

    /** Mostly short entries, some long enough to resize. */
    private long length(SplittableRandom random) {
        return random.nextInt(4) == 0 ? 1 + random.nextInt(longestEntryBytes) : 1 + random.nextInt(64);
    }

    @Override
    public List<Step> simplerVariants(Step step) {
        return simplerVariants(step, 0, 2);
    }

    /**
     * Each argument from {@code firstArgument} on lowered to its least value and halved; the entry
     * length at {@code lengthIndex} of a write never below 1. The page simulator's steps carry a
     * worker first, which shrinking keeps.
     */
    static List<Step> simplerVariants(Step step, int firstArgument, int lengthIndex) {
        boolean write = step.action().equals(WRITE_RECORD) || step.action().equals(WRITE_DEWEY_ID);
        Set<Step> simpler = new LinkedHashSet<>();
        for (int index = firstArgument; index < step.args().size(); index++) {
            long value = step.arg(index);
            long least = write && index == lengthIndex ? 1 : 0;
            for (long candidate : new long[] {least, value / 2}) {
                if (candidate >= least && candidate < value) {
                    simpler.add(step.withArg(index, candidate));
                }
            }
        }
        return new ArrayList<>(simpler);
    }
}
