package io.segcheck.examples.page;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The process-wide singleton through which {@link AppendLogPage} finds its memory: no constructor
 * argument, no setter on the page. Global state on purpose: it is the shape segcheck's page seam
 * must cope with, and {@link AppendLogPageFactory} shows how a test puts segcheck's allocator
 * behind it with {@link #install}.
 */
public final class PageMemoryHolder {

    /** Until something is installed: fresh memory the garbage collector frees. */
    private static final PageMemory AUTOMATIC = new PageMemory() {
        @Override
        public MemorySegment take(long bytes) {
            return Arena.ofAuto().allocate(bytes, 16);
        }

        @Override
        public void giveBack(MemorySegment segment) {
            // freed by the garbage collector once unreachable
        }
    };

    private static volatile PageMemory current = AUTOMATIC;

    private PageMemoryHolder() {
    }

    /** The memory every page takes from and gives back to now. */
    public static PageMemory current() {
        return current;
    }

    /** Puts {@code memory} in front of every page from now on; returns what was installed before. */
    public static PageMemory install(PageMemory memory) {
        PageMemory previous = current;
        current = Objects.requireNonNull(memory, "memory");
        return previous;
    }
}
