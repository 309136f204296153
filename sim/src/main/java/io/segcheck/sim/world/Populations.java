package io.segcheck.sim.world;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.impl.page.PageGuard;

import java.util.ArrayList;
import java.util.List;

/**
 * The objects a run's steps index into: pages, guards and raw leases, each in creation order.
 * List positions are the model's ids: page i is the model's page i, guard j is the model's guard j.
 */
final class Populations {

    final List<KeyValueLeafPage> pages = new ArrayList<>();
    final List<PageGuard> guards = new ArrayList<>();
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
