package io.segcheck.examples.page;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageCacheAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.Call;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;

import java.util.EnumSet;
import java.util.Optional;

/**
 * {@link AppendLogPage} as declared to segcheck: 256 slots; no, shared or separate DeweyIDs; areas
 * growing by 150% to at most 64 KiB, refused past it with {@link PageOverflowException}; clear writes
 * memory; reset allocates its own; return, clear and reset legal after return; no guards. Its pool
 * ({@link AppendLogPagePool}) and its cache ({@link AppendLogPageCache}) are bound too.
 *
 * <p>The page finds its memory through the {@link PageMemoryHolder} singleton, so {@link #create}
 * installs an {@link AllocatorPageMemory} over segcheck's allocator there before it builds the page.
 * Each nested class builds one {@link PageVariant} (public, no-argument: the kit's forked checks
 * rebuild a factory by its class name).
 */
public class AppendLogPageFactory implements PageFactory {

    /** Few entries, so a handful of puts evict. */
    static final int CACHE_ENTRIES = 3;

    private final PageVariant variant;

    public AppendLogPageFactory() {
        this(PageVariant.CORRECT);
    }

    protected AppendLogPageFactory(PageVariant variant) {
        this.variant = variant;
    }

    @Override
    public PageAdapter create(OffHeapAllocator allocator, DeweyIds deweyIds) {
        PageMemoryHolder.install(new AllocatorPageMemory(allocator));
        boolean keeps = deweyIds != DeweyIds.NONE;
        return new AppendLogPageAdapter(new AppendLogPage(keeps, deweyIds == DeweyIds.SHARED, variant));
    }

    /** The team's pool, reaching its memory through the same singleton. */
    @Override
    public Optional<PagePoolAdapter> pool(OffHeapAllocator allocator) {
        PageMemoryHolder.install(new AllocatorPageMemory(allocator));
        AppendLogPagePool pool = new AppendLogPagePool(variant);
        return Optional.of(new PagePoolAdapter() {
            @Override
            public PageAdapter borrow(DeweyIds deweyIds) {
                return new AppendLogPageAdapter(pool.borrow(deweyIds != DeweyIds.NONE, deweyIds == DeweyIds.SHARED));
            }

            @Override
            public void giveBack(PageAdapter page) {
                pool.giveBack(((AppendLogPageAdapter) page).page());
            }
        });
    }

    /** The team's cache, at most {@link #CACHE_ENTRIES} pages, its removal listener on segcheck's executor. */
    @Override
    public Optional<PageCacheAdapter> cache(OffHeapAllocator allocator) {
        PageMemoryHolder.install(new AllocatorPageMemory(allocator));
        return Optional.of(new AppendLogPageCacheAdapter(CACHE_ENTRIES, variant));
    }

    @Override
    public PageDesign design() {
        PageDesign.Resize resize = new PageDesign.Resize(AppendLogPage.GROWTH_PERCENT, AppendLogPage.MAX_AREA_BYTES,
                PageOverflowException.class);
        return PageDesign.builder(AppendLogPage.SLOT_COUNT, resize)
                .deweyIds(EnumSet.allOf(DeweyIds.class))
                .clearWritesMemory(true)
                .reset(PageDesign.Reset.ALLOCATES_OWN)
                .legalAfterReturn(EnumSet.of(Call.RETURN, Call.CLEAR, Call.RESET))
                .guards(false)
                .build();
    }

    /** The pages find their memory through the {@link PageMemoryHolder} singleton that {@link #create} installs into. */
    @Override
    public boolean processWideState() {
        return true;
    }

    @Override
    public String name() {
        return "append-log-page" + (variant == PageVariant.CORRECT ? "" : "(" + variant + ")");
    }

    /** Keeps the segment a resize replaced in a field it never reads: correct. */
    public static final class KeepsReplacedSegmentUnread extends AppendLogPageFactory {
        public KeepsReplacedSegmentUnread() {
            super(PageVariant.KEEPS_REPLACED_SEGMENT_UNREAD);
        }
    }

    /** Reads the segment a resize replaced: a use after release. */
    public static final class ReadsReplacedSegment extends AppendLogPageFactory {
        public ReadsReplacedSegment() {
            super(PageVariant.READS_REPLACED_SEGMENT);
        }
    }

    /** Planted: a write past the maximum leaks the segment it took before refusing. */
    public static final class OverflowTakesBeforeRefusing extends AppendLogPageFactory {
        public OverflowTakesBeforeRefusing() {
            super(PageVariant.OVERFLOW_TAKES_BEFORE_REFUSING);
        }
    }

    /** Planted: a resize releases the old segment before it publishes the new one. */
    public static final class ReleasesBeforePublishing extends AppendLogPageFactory {
        public ReleasesBeforePublishing() {
            super(PageVariant.RELEASES_BEFORE_PUBLISHING);
        }
    }

    /** Planted: a resize of the shared segment updates one field. */
    public static final class SharedResizeUpdatesOneField extends AppendLogPageFactory {
        public SharedResizeUpdatesOneField() {
            super(PageVariant.SHARED_RESIZE_UPDATES_ONE_FIELD);
        }
    }

    /** Planted: a return that releases nothing. */
    public static final class ReturnReleasesNothing extends AppendLogPageFactory {
        public ReturnReleasesNothing() {
            super(PageVariant.RETURN_RELEASES_NOTHING);
        }
    }

    /** Planted: a return that is not idempotent under racing calls. */
    public static final class ReturnNotIdempotent extends AppendLogPageFactory {
        public ReturnNotIdempotent() {
            super(PageVariant.RETURN_NOT_IDEMPOTENT);
        }
    }

    /** Planted: the pool forgets a page given back without returning its segments. */
    public static final class PoolDropsGivenBackPages extends AppendLogPageFactory {
        public PoolDropsGivenBackPages() {
            super(PageVariant.POOL_DROPS_GIVEN_BACK_PAGES);
        }
    }

    /** Planted: the cache's removal listener never returns the removed page's segments. */
    public static final class EvictionListenerNeverReturns extends AppendLogPageFactory {
        public EvictionListenerNeverReturns() {
            super(PageVariant.EVICTION_LISTENER_NEVER_RETURNS);
        }
    }

    /** Planted: clear() zeroes segments already returned. */
    public static final class ClearZeroesReturned extends AppendLogPageFactory {
        public ClearZeroesReturned() {
            super(PageVariant.CLEAR_ZEROES_RETURNED);
        }
    }
}
