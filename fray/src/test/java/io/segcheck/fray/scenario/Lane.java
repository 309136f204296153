package io.segcheck.fray.scenario;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What one thread of a run holds: the pages it borrowed, the guards it opened, the raw leases it
 * made. A call's object argument picks among the init part's objects followed by the thread's own,
 * modulo their number; the reference picks the same way, so the same call means the same object.
 */
final class Lane {

    /** A raw lease with the mark its owner wrote into it. */
    static final class RawLease {
        final MemorySegment segment;
        final long mark;
        final boolean shared;
        volatile boolean released;

        RawLease(MemorySegment segment, long mark, boolean shared) {
            this.segment = segment;
            this.mark = mark;
            this.shared = shared;
        }
    }

    final int number;
    final List<KeyValueLeafPage> pages = new ArrayList<>();
    final List<PageGuard> guards = new ArrayList<>();
    final List<RawLease> raw = new ArrayList<>();
    /** The high-water mark the lane's last stats() reported, until its call is recorded; -1 when none. */
    long highWaterSeen = -1;
    private final Lane init;

    Lane(int number, Lane init) {
        this.number = number;
        this.init = init;
    }

    String laneName() {
        return number == History.INIT_LANE ? "init" : "t" + number;
    }

    KeyValueLeafPage page(long arg) {
        return pick(init == null ? List.of() : init.pages, pages, arg);
    }

    RawLease raw(long arg) {
        return pick(init == null ? List.of() : init.raw, raw, arg);
    }

    PageGuard guard(long arg) {
        return pick(List.of(), guards, arg);
    }

    /** The object {@code arg} names among {@code shared} then {@code own}, or null when there is none. */
    static <T> T pick(List<T> shared, List<T> own, long arg) {
        int size = shared.size() + own.size();
        if (size == 0) {
            return null;
        }
        int position = (int) Math.floorMod(arg, (long) size);
        return position < shared.size() ? shared.get(position) : own.get(position - shared.size());
    }

    /** As {@link #pick}, the position among {@code shared} then {@code own}, or -1. */
    static int position(int sharedSize, int ownSize, long arg) {
        int size = sharedSize + ownSize;
        return size == 0 ? -1 : (int) Math.floorMod(arg, (long) size);
    }
}
