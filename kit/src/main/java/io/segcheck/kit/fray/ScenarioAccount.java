package io.segcheck.kit.fray;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.kit.ObservingAllocator;
import io.segcheck.kit.PageJudge;
import io.segcheck.kit.PageOracle;
import io.segcheck.model.Violation;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.page.PageDesignModel;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a generated page scenario owes the allocator: its pages and one lease per thread that no
 * page holds (each thread may release its own once, racing the pages' calls). After the threads it
 * settles the account: ownership as the page oracle sees it, every page returned holding nothing,
 * the leases left released, and as many releases as leases.
 */
final class ScenarioAccount {

    private final ObservingAllocator observer;
    private final List<PageAdapter> pages;
    private final List<MemorySegment> foreign = new ArrayList<>();

    ScenarioAccount(ObservingAllocator observer, List<PageAdapter> pages, int threads) {
        this.observer = observer;
        this.pages = pages;
        for (int thread = 0; thread < threads; thread++) {
            foreign.add(observer.allocate(256));
        }
    }

    /** The thread's own foreign lease, released once (later calls do nothing). */
    void releaseForeign(int thread) {
        MemorySegment lease;
        synchronized (foreign) {
            lease = foreign.set(thread, null);
        }
        if (lease != null) {
            observer.release(lease);
        }
    }

    /** The first release the allocator refused (twice, or never leased), or empty. */
    Optional<Violation> refusedRelease() {
        return observer.violations().stream().findFirst().map(finding -> finding.toViolation());
    }

    /** After the threads: ownership now, then every page returned holding nothing and nothing leased. */
    Optional<Violation> settle(PageDesign design) {
        Optional<Violation> found = refusedRelease().or(() -> ownership("after the threads"));
        for (int page = 0; page < pages.size() && found.isEmpty(); page++) {
            found = returnAtTheEnd(design, page);
        }
        if (found.isPresent()) {
            return found;
        }
        synchronized (foreign) {
            for (int thread = 0; thread < foreign.size(); thread++) {
                if (foreign.get(thread) != null) {
                    observer.release(foreign.set(thread, null));
                }
            }
        }
        found = ownership("after every page was returned");
        if (found.isEmpty() && observer.allocations() != observer.releases()) {
            return Optional.of(Violation.of(ViolationKind.LEAK, 0, observer.allocations() + " leases but "
                    + observer.releases() + " releases after every page was returned"));
        }
        return found;
    }

    private Optional<Violation> returnAtTheEnd(PageDesign design, int page) {
        PageAdapter adapter = pages.get(page);
        try {
            adapter.returnSegments();
        } catch (IllegalStateException refused) {
            if (design.legalAfterReturn(PageDesign.Call.RETURN) || PageOracle.touchedReleasedMemory(refused)) {
                return Optional.of(Violation.of(ViolationKind.UNEXPECTED_ERROR, 0, "p" + page
                        + ".returnSegments() at the end threw " + refused));
            }
        }
        return PageDesignModel.holdsNothingAfterReturn("p" + page + ", returned at the end,",
                PageJudge.refs(adapter.heldSegments()));
    }

    private Optional<Violation> ownership(String when) {
        List<PageOracle.Holder> holders = new ArrayList<>();
        for (int page = 0; page < pages.size(); page++) {
            holders.add(PageOracle.Holder.of("p" + page, pages.get(page)));
        }
        synchronized (foreign) {
            holders.add(new PageOracle.Holder("the checker", foreign.stream().filter(lease -> lease != null).toList()));
        }
        return PageOracle.check(observer, holders).map(finding -> Violation.of(finding.violationKind(), 0,
                when + ": " + finding.message()));
    }
}
