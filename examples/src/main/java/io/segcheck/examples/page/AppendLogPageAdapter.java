package io.segcheck.examples.page;

import io.segcheck.api.PageAdapter;

import java.lang.foreign.MemorySegment;
import java.util.List;

/** {@link AppendLogPage} seen through segcheck's page seam: one call forwarded per method, nothing added. */
final class AppendLogPageAdapter implements PageAdapter {

    private final AppendLogPage page;

    AppendLogPageAdapter(AppendLogPage page) {
        this.page = page;
    }

    AppendLogPage page() {
        return page;
    }

    @Override
    public void writeRecord(int slot, byte[] data) {
        page.setRecord(slot, data);
    }

    @Override
    public byte[] readRecord(int slot) {
        return page.getRecord(slot);
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

    /** The page takes its own segments (its design says ALLOCATES_OWN), so segcheck passes none. */
    @Override
    public void reset(MemorySegment records, MemorySegment deweyIds) {
        if (records != null || deweyIds != null) {
            throw new IllegalArgumentException("this page allocates its own segments at reset; got records="
                    + records + " deweyIds=" + deweyIds);
        }
        page.reuse();
    }

    @Override
    public Guard guard() {
        throw new UnsupportedOperationException("AppendLogPage has no guards");
    }

    @Override
    public List<MemorySegment> heldSegments() {
        return page.ownedSegments();
    }
}
