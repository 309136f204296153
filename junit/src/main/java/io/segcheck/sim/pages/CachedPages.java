package io.segcheck.sim.pages;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageCacheAdapter;
import io.segcheck.kit.PageJudge;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.page.PageDesignModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The page sweep's and simulator's driver of a team's bound page cache: puts of the world's live pages (from
 * then on the cache's: the world calls them no more), gets, invalidations, and the cache's removal
 * listener, whose tasks queue on an executor the simulator owns and run one per {@code runRemoval}
 * step, so removals interleave with the other workers' calls. Judged: a get hands back a page put
 * under its key and still holding its segments; at the quiesce every queued removal runs, every key
 * is invalidated and its removals run, and then every page that entered the cache must hold nothing
 * (the page oracle sees whether its segments were released exactly once).
 */
final class CachedPages {

    private final PageCacheAdapter cache;
    /** The removal listener's tasks, oldest first: the executor the cache was given. */
    private final Deque<Runnable> removals = new ArrayDeque<>();
    private final Map<Long, List<SweptPage>> putUnder = new LinkedHashMap<>();
    private final List<SweptPage> entered = new ArrayList<>();

    /** {@code cache} null: the factory binds none, and every cache step is a no-op. */
    CachedPages(PageCacheAdapter cache) {
        this.cache = cache;
        if (cache != null) {
            cache.runRemovalsOn(removals::add);
        }
    }

    Optional<Violation> put(PageWorld world, SweptPage page, long key) {
        if (cache == null || page == null || page.returned() || page.givenBack() || page.lent() || page.cached()
                || page.guarded()) {
            world.note("cache.put -> no cache, or no live page of the world's own");
            return Optional.empty();
        }
        CallOutcome outcome = world.call("cache.put(" + key + ", " + page.name() + ")", () -> {
            cache.put(key, page.adapter());
            return null;
        });
        if (outcome.threw()) {
            return outcome.failure();
        }
        page.markCached();
        entered.add(page);
        putUnder.computeIfAbsent(key, any -> new ArrayList<>()).add(page);
        return Optional.empty();
    }

    Optional<Violation> get(PageWorld world, long key) {
        if (cache == null) {
            world.note("cache.get -> no cache");
            return Optional.empty();
        }
        CallOutcome outcome = world.call("cache.get(" + key + ")", () -> cache.get(key));
        if (outcome.threw() || outcome.value() == null) {
            return outcome.failure();
        }
        PageAdapter got = (PageAdapter) outcome.value();
        SweptPage page = putUnder.getOrDefault(key, List.of()).stream().filter(put -> put.adapter() == got)
                .findFirst().orElse(null);
        if (page == null) {
            return PageWorld.violation(ViolationKind.UNEXPECTED_ERROR, "cache.get(" + key + ") handed out a page that"
                    + " was never put under that key");
        }
        if (got.heldSegments().isEmpty()) {
            return PageWorld.violation(ViolationKind.USE_AFTER_RELEASE, "cache.get(" + key + ") handed out "
                    + page.name() + ", whose segments were returned already (the cache removed it, yet still hands it out)");
        }
        world.note("cache.get(" + key + ") -> " + page.name());
        return Optional.empty();
    }

    Optional<Violation> invalidate(PageWorld world, long key) {
        if (cache == null) {
            world.note("cache.invalidate -> no cache");
            return Optional.empty();
        }
        return world.call("cache.invalidate(" + key + ")", () -> {
            cache.invalidate(key);
            return null;
        }).failure();
    }

    /** Runs the oldest queued removal-listener task. */
    Optional<Violation> runRemoval(PageWorld world) {
        Runnable task = removals.poll();
        if (task == null) {
            world.note("runRemoval -> none queued");
            return Optional.empty();
        }
        return world.call("cache removal listener (" + removals.size() + " more queued)", () -> {
            task.run();
            return null;
        }).failure();
    }

    /**
     * Every queued removal run, every key invalidated and its removals run; then no page that
     * entered the cache holds anything.
     */
    Optional<Violation> quiesce(PageWorld world) {
        Optional<Violation> failed = drain(world);
        for (long key : new TreeSet<>(putUnder.keySet())) {
            failed = failed.or(() -> invalidate(world, key)).or(() -> drain(world));
        }
        if (failed.isPresent()) {
            return failed;
        }
        for (SweptPage page : entered) {
            Optional<Violation> keeps = PageDesignModel.holdsNothingAfterReturn(page.name() + ", removed from the"
                    + " cache and its removal listener run,", PageJudge.refs(page.adapter().heldSegments()));
            if (keeps.isPresent()) {
                return keeps;
            }
        }
        world.note("quiesce: every cached page removed, every removal listener run");
        return Optional.empty();
    }

    private Optional<Violation> drain(PageWorld world) {
        while (!removals.isEmpty()) {
            Optional<Violation> failed = runRemoval(world);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }
}
