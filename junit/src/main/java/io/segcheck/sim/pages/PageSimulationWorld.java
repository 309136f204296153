package io.segcheck.sim.pages;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.PageJudge;
import io.segcheck.model.Violation;
import io.segcheck.model.page.PageCall;
import io.segcheck.sim.runner.Step;
import io.segcheck.sim.runner.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of the page simulator: a {@link PageWorld} (the team's pages on segcheck's observing
 * allocator, judged by the page oracle after every step) driven by logical workers whose calls
 * the scheduler interleaved at call boundaries. Each worker step is translated to the page
 * world's step (the worker dropped, the page counted from the newest) and run with its own
 * failing allocation armed; guards are held per worker; a bound cache is driven by the world
 * ({@link CachedPages}), its removal listener's tasks run as steps. The quiesce phase closes every
 * guard, then the world's empties the cache and runs its removals, returns every page, and nothing
 * may stay leased.
 */
final class PageSimulationWorld implements Subject {

    /** An open guard: the worker that holds it and the position of its page. */
    private record HeldGuard(int worker, int page, PageAdapter.Guard guard) {
    }

    private final PageWorld world;
    private final List<HeldGuard> guards = new ArrayList<>();
    private String trace = "";

    PageSimulationWorld(PageFactory pages, AllocatorFactory allocators) {
        this.world = new PageWorld(pages, allocators);
    }

    @Override
    public Optional<Violation> apply(int stepIndex, Step step) {
        if (step.args().isEmpty()) {
            trace = step.toLine() + " -> noop (no worker)";
            return Optional.empty();
        }
        int worker = (int) step.arg(0);
        Optional<Violation> found = switch (step.action()) {
            case PageSimulationActions.GUARD -> guard(worker, step.arg(1));
            case PageSimulationActions.READ_GUARDED -> readGuarded(stepIndex, worker, step);
            case PageSimulationActions.CLOSE_GUARD -> closeGuard(worker, step.arg(1));
            case PageActions.CACHE_PUT -> world.apply(stepIndex, Step.of(step.action(),
                    world.pageCount() - 1L - (step.args().size() > 1 ? step.arg(1) : 0),
                    step.args().size() > 2 ? step.arg(2) : 0));
            case PageActions.CACHE_GET, PageActions.CACHE_INVALIDATE -> world.apply(stepIndex,
                    Step.of(step.action(), step.args().size() > 1 ? step.arg(1) : 0));
            case PageActions.RUN_REMOVAL -> world.apply(stepIndex, Step.of(step.action()));
            default -> pageCall(stepIndex, step);
        };
        trace = "w" + worker + " " + world.traceLine();
        return found.map(violation -> violation.atStep(stepIndex));
    }

    /** A sweep call: without the worker and the failing allocation, the page counted from the newest. */
    private Optional<Violation> pageCall(int stepIndex, Step step) {
        boolean fault = PageSimulationActions.carriesFault(step.action());
        int end = step.args().size() - (fault ? 1 : 0);
        if (end < 2) {
            world.note(step.toLine() + " -> noop (too few arguments)");
            return Optional.empty();
        }
        long[] args = new long[end - 1];
        for (int index = 1; index < end; index++) {
            args[index - 1] = step.arg(index);
        }
        boolean opens = step.action().equals(PageActions.OPEN) || step.action().equals(PageActions.BORROW);
        if (!opens) {
            args[0] = world.pageCount() - 1L - args[0];
        }
        int failAt = fault ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, step.arg(end))) : 0;
        return world.applyFailing(stepIndex, Step.of(step.action(), args), failAt);
    }

    private Optional<Violation> guard(int worker, long fromNewest) {
        SweptPage page = world.pageAt(world.pageCount() - 1L - fromNewest);
        if (page == null || page.givenBack() || page.cached() || !world.design().guards()) {
            world.note("guard -> no page of the world's, or no guards");
            return Optional.empty();
        }
        PageJudge.Judged judged = world.judged(page, PageCall.of(PageCall.Kind.GUARD));
        PageAdapter.Guard opened = judged.value() instanceof PageAdapter.Guard guard ? guard : null;
        if (judged.violation().isPresent() || opened == null || page.returned()) {
            closeQuietly(opened); // a guard an illegal call handed out anyway, or one on a returned page
            return judged.violation();
        }
        guards.add(new HeldGuard(worker, world.positionOf(page), opened));
        page.guardOpened();
        return Optional.empty();
    }

    private Optional<Violation> readGuarded(int stepIndex, int worker, Step step) {
        HeldGuard held = heldBy(worker, step.arg(1));
        if (held == null) {
            world.note("readGuarded -> the worker holds no guard");
            return Optional.empty();
        }
        return world.apply(stepIndex, Step.of(PageActions.READ_RECORD, held.page(), step.args().size() > 2
                ? step.arg(2) : 0));
    }

    private Optional<Violation> closeGuard(int worker, long fromNewest) {
        HeldGuard held = heldBy(worker, fromNewest);
        if (held == null) {
            world.note("closeGuard -> the worker holds no guard");
            return Optional.empty();
        }
        guards.remove(held);
        SweptPage page = world.pageAt(held.page());
        page.guardClosed();
        Optional<Violation> failed = world.call(page.name() + ".guard.close()", () -> {
            held.guard().close();
            return null;
        }).failure();
        return failed.isPresent() || page.guarded() || !page.givenBack() ? failed : world.settleGivenBack(page);
    }

    /** The worker's guard {@code fromNewest} (0 its newest), or null when it holds none. */
    private HeldGuard heldBy(int worker, long fromNewest) {
        List<HeldGuard> mine = guards.stream().filter(guard -> guard.worker() == worker).toList();
        return mine.isEmpty() ? null : mine.get(mine.size() - 1 - (int) Math.floorMod(fromNewest, (long) mine.size()));
    }

    /** Closes a guard an illegal call handed out anyway; the finding is the call's, not the close's. */
    private static void closeQuietly(PageAdapter.Guard guard) {
        if (guard == null) {
            return;
        }
        try {
            guard.close();
        } catch (RuntimeException ignored) {
            // the guard() that returned it is already reported as the violation
        }
    }

    /** Every guard closed, then every page returned or given back; nothing may stay leased. */
    @Override
    public Optional<Violation> quiesce(int stepIndex) {
        while (!guards.isEmpty()) {
            HeldGuard held = guards.getLast();
            Optional<Violation> failed = closeGuard(held.worker(), 0);
            if (failed.isPresent()) {
                trace = world.traceLine();
                return failed.map(violation -> violation.atStep(stepIndex));
            }
        }
        Optional<Violation> found = world.quiesce(stepIndex);
        trace = world.traceLine();
        return found;
    }

    @Override
    public String traceLine() {
        return trace;
    }

    @Override
    public void close() {
        world.close();
    }
}
