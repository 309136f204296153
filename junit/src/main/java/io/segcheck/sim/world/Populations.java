package io.segcheck.sim.world;

import java.util.ArrayList;
import java.util.List;

/**
 * The raw leases a run's steps index into, in creation order (pages and guards, when segcheck's own
 * system is on the allocator, are its {@link SystemLayer}'s).
 */
final class Populations {

    final List<RawSegment> raw = new ArrayList<>();

    /**
     * The position of population argument {@code arg} in a population of {@code size}, counted
     * from the newest (0 is the most recent page, guard or raw segment), modulo the size; -1 when
     * empty. Counting from the newest keeps a step pointing at the same object when the shrinker
     * removes older objects' steps, so stories shrink further.
     */
    static int pick(long arg, int size) {
        return size == 0 ? -1 : size - 1 - (int) Math.floorMod(arg, (long) size);
    }

    /** The raw leases not yet released, oldest first. */
    List<RawSegment> leasedRaw() {
        return raw.stream().filter(segment -> !segment.isReleased()).toList();
    }
}
