package io.segcheck.impl.alloc;

import java.util.ArrayDeque;

/**
 * Guard mode's FIFO of released slices. A released slice is poisoned and waits here until
 * {@code capacity} newer slices have been released; when it leaves, its poison is verified, so a
 * write through a stale alias in the meantime is caught with the slice's address and last owner.
 * Used only under the allocator's map lock; guard mode trades speed for detection.
 */
final class Quarantine {

    /** A slice waiting in quarantine, and who leased it last. */
    record Entry(SizeClassPool pool, int id, Region region, int sliceIndex, String lastOwner) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> fifo = new ArrayDeque<>();

    Quarantine(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Poisons and enqueues a released slice; returns the entry that must leave now, or null. The
     * leaving slice stays counted quarantined until the caller has put it somewhere
     * ({@link #left}): uncounted first, it would look leased to a look at the counters in between.
     */
    Entry admit(Entry entry) {
        Zeroing.poison(entry.region().slice(entry.sliceIndex()));
        entry.pool().quarantined.increment();
        fifo.addLast(entry);
        if (fifo.size() <= capacity) {
            return null;
        }
        return fifo.removeFirst();
    }

    /** The entry {@link #admit} returned is now on a free stack or retired. */
    static void left(Entry leaving) {
        leaving.pool().quarantined.decrement();
    }

    /**
     * Checks the poison of a slice leaving quarantine.
     *
     * @throws PoisonViolationException when a word was overwritten after release
     */
    static void verify(Entry leaving) {
        Region region = leaving.region();
        long offset = Zeroing.firstPoisonMismatch(region.slice(leaving.sliceIndex()));
        if (offset >= 0) {
            throw new PoisonViolationException(region.sliceAddress(leaving.sliceIndex()), region.sliceBytes,
                    offset, leaving.lastOwner());
        }
    }
}
