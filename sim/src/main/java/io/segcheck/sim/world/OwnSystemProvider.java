package io.segcheck.sim.world;

import io.segcheck.impl.defect.Mark;
import io.segcheck.sim.runner.RunConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Plugs segcheck's own system into the allocator world ({@link OwnSystem}, found through
 * {@code META-INF/services}): its allocator with the run's defect switches, and its pool, pages and caches.
 */
public final class OwnSystemProvider implements OwnSystem {

    @Override
    public SystemLayer layer(RunConfig config, WorldOptions options) {
        return new SystemParts(config, options);
    }

    @Override
    public List<String> markNames(boolean ownAllocator, boolean pages) {
        List<String> names = new ArrayList<>();
        for (Mark mark : Mark.values()) {
            if (mark.inAllocator() ? ownAllocator : pages) {
                names.add(mark.name());
            }
            if (mark == Mark.RELEASE_REJECTED_FOREIGN && ownAllocator) {
                names.add(World.RELEASE_REFUSED_AFTER_UNMAP); // the refusals whose kind depends on mmap's placement
            }
        }
        return names;
    }
}
