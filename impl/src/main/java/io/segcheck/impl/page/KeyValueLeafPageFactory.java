package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageDesign.Call;
import io.segcheck.api.PageDesign.DeweyIds;
import io.segcheck.api.PageFactory;
import io.segcheck.api.PagePoolAdapter;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defects;

import java.util.EnumSet;
import java.util.Optional;

/**
 * segcheck's own page behind the public page seam, bound like any team's: each page is borrowed
 * from a pool on the allocator segcheck passes in, so every lease goes through it.
 *
 * <p>Its design: 1024 slots; DeweyIDs not kept (one segment serves both fields) or in a segment of
 * their own; areas doubling up to 256 KiB, refused past it with {@link PageFullException}; clear
 * writes no memory; reset takes the segments it is given; return, clear and reset legal after
 * return; guards. Its pool ({@link KeyValueLeafPagePool}) is bound too.
 */
public class KeyValueLeafPageFactory implements PageFactory {

    private final Defects defects;

    /** segcheck's page with every defect fixed. */
    public KeyValueLeafPageFactory() {
        this(Defects.none());
    }

    /** segcheck's page with {@code defects} switched back on (its design stays the fixed one it violates). */
    public KeyValueLeafPageFactory(Defects defects) {
        this.defects = defects;
    }

    @Override
    public PageAdapter create(OffHeapAllocator allocator, DeweyIds deweyIds) {
        return borrow(new KeyValueLeafPagePool(allocator, defects), deweyIds);
    }

    /** segcheck's pool: a page given back is retired (returned now, or by its last guard). */
    @Override
    public Optional<PagePoolAdapter> pool(OffHeapAllocator allocator) {
        KeyValueLeafPagePool pool = new KeyValueLeafPagePool(allocator, defects);
        return Optional.of(new PagePoolAdapter() {
            @Override
            public PageAdapter borrow(DeweyIds deweyIds) {
                return KeyValueLeafPageFactory.borrow(pool, deweyIds);
            }

            @Override
            public void giveBack(PageAdapter page) {
                pool.returnPage(((KeyValueLeafPageAdapter) page).page());
            }
        });
    }

    private static PageAdapter borrow(KeyValueLeafPagePool pool, DeweyIds deweyIds) {
        if (deweyIds == DeweyIds.SHARED) {
            throw new IllegalArgumentException("deweyIds=SHARED: segcheck's page keeps DeweyIDs only in a segment"
                    + " of their own (NONE shares the one segment between its fields)");
        }
        KeyValueLeafPage page = pool.borrowPage(1, 0, SizeClass.MIN_BYTES, deweyIds == DeweyIds.SEPARATE);
        return new KeyValueLeafPageAdapter(page, deweyIds);
    }

    @Override
    public PageDesign design() {
        PageDesign.Resize resize = new PageDesign.Resize(200, KeyValueLeafPageLayout.MAX_SEGMENT_BYTES,
                PageFullException.class);
        return PageDesign.builder(KeyValueLeafPageLayout.SLOT_COUNT, resize)
                .deweyIds(EnumSet.of(DeweyIds.NONE, DeweyIds.SEPARATE))
                .clearWritesMemory(false)
                .reset(PageDesign.Reset.TAKES_SEGMENTS)
                .legalAfterReturn(EnumSet.of(Call.RETURN, Call.CLEAR, Call.RESET))
                .guards(true)
                .build();
    }

    @Override
    public String name() {
        return "segcheck-page" + (defects.isEmpty() ? "" : "(" + defects + ")");
    }
}
