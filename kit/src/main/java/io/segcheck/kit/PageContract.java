package io.segcheck.kit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page contract, for any page class bound through {@link io.segcheck.api.PageAdapter}: extend it
 * with one method, {@link #pageFactory()}, whose {@link PageFactory#design} declares what the page
 * promises.
 *
 * <pre>{@code
 * class MyPageContractTest extends PageContract {
 *     protected PageFactory pageFactory() { return new MyPageFactory(); }
 * }
 * }</pre>
 *
 * <p>Every page is built on an {@link ObservingAllocator} over {@link #allocatorFactory()} (a plain
 * one unless overridden), which hands each lease out as a view that throws once released; every
 * page call runs through a {@link PageJudge}, so the page-design model
 * ({@code io.segcheck.model.page}) judges it against the declared design, and the ownership oracle
 * ({@link PageOracle}) judges what the page did through the allocator: every held segment is a live lease of this page
 * alone and every live lease is held; a resize publishes its new segment before it releases the
 * old one, releases it exactly once and grows as declared; a write past the maximum is refused with
 * the page unchanged; a return releases everything exactly once, repeated or racing; nothing
 * touches a released segment; data reads back across resizes, clears and resets. A page that keeps
 * a released segment in a field it never reads passes; one that reads it fails. Each check runs
 * once per way of keeping DeweyIDs the design lists. The checks that touch a returned page run in
 * a forked JVM each (the factories need public no-argument constructors there).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(ContainFatalErrors.class)
public abstract class PageContract {

    private final List<OffHeapAllocator> opened = new ArrayList<>();

    /** The factory of the page under test. */
    protected abstract PageFactory pageFactory();

    /** The allocator the pages lease from, under segcheck's observing one: a plain allocator by default. */
    protected AllocatorFactory allocatorFactory() {
        return new PlainAllocatorFactory();
    }

    /** The settings the allocator is built with: roomy, guard mode off (the observing views guard every lease). */
    protected AllocatorSettings allocatorSettings() {
        return AllocatorSettings.roomy().withGuardMode(false);
    }

    private PageChecks checks() {
        return new PageChecks(pageFactory(), () -> {
            OffHeapAllocator allocator = allocatorFactory().create(allocatorSettings());
            opened.add(allocator);
            return allocator;
        });
    }

    private PageDesign design() {
        return pageFactory().design();
    }

    @AfterEach
    void closeAll() {
        for (OffHeapAllocator allocator : opened) {
            try {
                allocator.close();
            } catch (RuntimeException alreadyClosed) {
                // a page under test may have closed nothing; the allocator's own close is not under test here
            }
        }
    }

    @Test
    void dataWrittenReadsBackAcrossResizesAndReturnGivesEverythingBack() {
        checks().dataReadsBackAcrossResizes();
    }

    @Test
    void resizePublishesTheNewSegmentAndReleasesTheOldOnceGrowingAsDeclared() {
        checks().resizeReplacesTheSegmentAsDeclared();
    }

    @Test
    void writePastTheMaximumIsRefusedAndChangesNothing() {
        checks().writePastTheMaximumIsRefusedAndChangesNothing();
    }

    @Test
    void repeatedReturnsReleaseEverySegmentExactlyOnce() {
        checks().returnReleasesEverySegmentOnceWhenRepeated();
    }

    @Test
    void clearEmptiesEverySlotAndWritesMemoryOnlyAsDeclared() {
        checks().clearEmptiesTheSlotsAndWritesAsDeclared();
    }

    @Test
    void resetStartsAnEmptyLifeOnItsNewSegments() {
        assumeTrue(design().legalAfterReturn(PageDesign.Call.RESET), "design declares no reset after return");
        checks().resetStartsAnEmptyLifeOnItsNewSegments();
    }

    @Test
    void pagesOnOneAllocatorNeverShareALease() {
        checks().pagesOnOneAllocatorNeverShareALease();
    }

    @Test
    void poolGivesBackEverySegmentOfAPageGivenBackToIt() {
        PageChecks checks = checks();
        assumeTrue(checks.hasPool(), "the factory binds no pool");
        checks.poolGivesBackEverySegmentOfAReturnedPage();
    }

    @Test
    void guardsPinALivePage() {
        assumeTrue(design().guards(), "design declares no guards");
        checks().guardsPinALivePage();
    }

    // ---- a returned page: forked, a broken page may touch memory its allocator unmapped ----------

    @Test
    void callsOnAReturnedPageTouchNoReleasedMemoryAndFollowTheDesign() {
        ForkedPageChecks.fork(pageFactory(), allocatorFactory(), allocatorSettings(),
                ForkedPageChecks.CALLS_AFTER_RETURN);
    }

    @Test
    void racingReturnsReleaseEverySegmentExactlyOnce() {
        ForkedPageChecks.fork(pageFactory(), allocatorFactory(), allocatorSettings(),
                ForkedPageChecks.CONCURRENT_RETURNS);
    }
}
