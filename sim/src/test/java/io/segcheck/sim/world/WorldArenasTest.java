package io.segcheck.sim.world;

import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A world's own allocator keeps its memory to the thread that builds and runs the world (confined
 * arenas), so worlds running side by side on {@code --jobs} threads do not stop each other on
 * every guarded release and unmap, as closing a shared arena does (a handshake with every thread
 * of the JVM; see docs/evidence/parallel.md).
 */
class WorldArenasTest {

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void aWorldsOwnAllocatorIsConfinedToTheThreadThatRunsIt(boolean guardMode) throws InterruptedException {
        RunConfig config = RunConfig.forSeed(3, 10, Defects.none(), guardMode);
        World world = new World(config, Coverage.SYSTEM, new SegcheckAllocatorFactory(config.defects()));
        try {
            MemorySegment lease = world.allocator.allocate(4096);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    lease.get(ValueLayout.JAVA_LONG, 0);
                } catch (Throwable failure) {
                    thrown.set(failure);
                }
            });
            other.join();
            assertInstanceOf(WrongThreadException.class, thrown.get(), "another thread could read the world's memory");
            world.allocator.release(lease);
        } finally {
            world.close();
        }
    }
}
