package io.segcheck.examples;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Two pages planted for the simulator's failing allocations, written here and told to no checker:
 * each is the correct example page but for what its write does when an allocation fails, so only a
 * failed resize can find them. Public with no-argument constructors, so the CLI can load them.
 */
public final class FailedResizePages {

    private FailedResizePages() {
    }

    /** A write that first empties the slot, then writes: when the resize fails, the slot's old entry is lost. */
    public static final class LosesTheEntryOnAFailedResize extends Wrapping {
        @Override
        PageAdapter wrap(PageAdapter page, OffHeapAllocator allocator) {
            return new Forwarding(page) {
                @Override
                public void writeRecord(int slot, byte[] data) {
                    page.writeRecord(slot, new byte[0]); // PLANTED: the old entry is gone before the write that may fail
                    page.writeRecord(slot, data);
                }
            };
        }
    }

    /**
     * A write that takes a scratch segment and gives it back on every way out but the allocator's
     * exhaustion: a failed resize leaks it.
     */
    public static final class LeaksScratchOnAFailedResize extends Wrapping {
        @Override
        PageAdapter wrap(PageAdapter page, OffHeapAllocator allocator) {
            return new Forwarding(page) {
                @Override
                public void writeRecord(int slot, byte[] data) {
                    MemorySegment scratch = allocator.allocate(64);
                    try {
                        page.writeRecord(slot, data);
                    } catch (AllocatorExhaustedException exhausted) {
                        throw exhausted; // PLANTED: this way out keeps the scratch segment
                    } catch (RuntimeException refused) {
                        allocator.release(scratch);
                        throw refused;
                    }
                    allocator.release(scratch);
                }
            };
        }
    }

    /** The correct example page, each adapter wrapped. */
    abstract static class Wrapping implements PageFactory {
        private final PageFactory inner = new AppendLogPageFactory();

        abstract PageAdapter wrap(PageAdapter page, OffHeapAllocator allocator);

        @Override
        public PageAdapter create(OffHeapAllocator allocator, PageDesign.DeweyIds deweyIds) {
            return wrap(inner.create(allocator, deweyIds), allocator);
        }

        @Override
        public PageDesign design() {
            return inner.design();
        }

        @Override
        public String name() {
            return inner.name() + "+" + getClass().getSimpleName();
        }
    }

    /** Forwards every call to the page it wraps. */
    private static class Forwarding implements PageAdapter {
        private final PageAdapter page;

        Forwarding(PageAdapter page) {
            this.page = page;
        }

        @Override
        public void writeRecord(int slot, byte[] data) {
            page.writeRecord(slot, data);
        }

        @Override
        public byte[] readRecord(int slot) {
            return page.readRecord(slot);
        }

        @Override
        public void writeDeweyId(int slot, byte[] data) {
            page.writeDeweyId(slot, data);
        }

        @Override
        public byte[] readDeweyId(int slot) {
            return page.readDeweyId(slot);
        }

        @Override
        public void returnSegments() {
            page.returnSegments();
        }

        @Override
        public void clear() {
            page.clear();
        }

        @Override
        public void reset(MemorySegment records, MemorySegment deweyIds) {
            page.reset(records, deweyIds);
        }

        @Override
        public Guard guard() {
            return page.guard();
        }

        @Override
        public List<MemorySegment> heldSegments() {
            return page.heldSegments();
        }
    }
}
