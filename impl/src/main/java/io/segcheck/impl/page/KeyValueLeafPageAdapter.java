package io.segcheck.impl.page;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * segcheck's own {@link KeyValueLeafPage} through the page seam, like any team's page: one call
 * forwarded per method. The probe names the page's segments by read-only views (the page never
 * lets its lease instances escape), which is all the oracle needs: address and size.
 */
final class KeyValueLeafPageAdapter implements PageAdapter {

    private final KeyValueLeafPage page;
    private final PageDesign.DeweyIds deweyIds;

    KeyValueLeafPageAdapter(KeyValueLeafPage page, PageDesign.DeweyIds deweyIds) {
        this.page = page;
        this.deweyIds = deweyIds;
    }

    KeyValueLeafPage page() {
        return page;
    }

    @Override
    public void writeRecord(int slot, byte[] data) {
        page.setSlot(slot, data);
    }

    @Override
    public byte[] readRecord(int slot) {
        return page.getSlot(slot);
    }

    @Override
    public void writeDeweyId(int slot, byte[] data) {
        page.setDeweyId(slot, data);
    }

    @Override
    public byte[] readDeweyId(int slot) {
        return page.getDeweyId(slot);
    }

    @Override
    public void returnSegments() {
        page.returnSegmentsToAllocator();
    }

    @Override
    public void clear() {
        page.clear();
    }

    /** Without DeweyIDs the page's two fields share the records' segment, so it is handed in twice. */
    @Override
    public void reset(MemorySegment records, MemorySegment deweyIdSegment) {
        MemorySegment deweyIdMemory = deweyIds == PageDesign.DeweyIds.SEPARATE ? deweyIdSegment : records;
        page.resetForReuse(page.recordPageKey(), page.revision() + 1, records, deweyIdMemory);
    }

    @Override
    public Guard guard() {
        PageGuard guard = page.guard();
        return guard::close;
    }

    @Override
    public List<MemorySegment> heldSegments() {
        if (page.isReturned()) {
            return List.of();
        }
        MemorySegment slotMemory = page.slotMemory();
        return page.sharesMemory() ? List.of(slotMemory) : List.of(slotMemory, page.deweyIdMemory());
    }
}
