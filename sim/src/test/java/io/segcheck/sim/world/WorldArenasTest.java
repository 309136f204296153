package io.segcheck.sim.world;

import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.sim.runner.Switches;
import io.segcheck.sim.runner.RunConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A world's own allocator keeps its memory to the thread that builds and runs the world (confined
 * arenas), both the sequence runner's and the simulator's, so worlds running side by side on {@code --jobs} threads do not stop each other on
 * every guarded release and unmap, as closing a shared arena does (a handshake with every thread
 * of the JVM; see docs/evidence/parallel.md).
 */
class WorldArenasTest {

    /** What reading {@code lease} on another thread threw; null when it did not throw. */
    private static Throwable readOnAnotherThread(MemorySegment lease) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                lease.get(ValueLayout.JAVA_LONG, 0);
            } catch (Throwable failure) {
                thrown.set(failure);
            }
        });
        other.join();
        return thrown.get();
    }

    private static void assertConfined(WorldSubject subject) throws InterruptedException {
        World world = subject.world();
        try {
            MemorySegment lease = world.allocator.allocate(4096);
            assertInstanceOf(WrongThreadException.class, readOnAnotherThread(lease),
                    "another thread could read the world's memory");
            world.allocator.release(lease);
        } finally {
            world.close();
        }
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void theSequenceRunnersWorldsKeepTheirMemoryToTheirThread(boolean guardMode) throws InterruptedException {
        RunConfig config = RunConfig.forSeed(3, 10, Switches.none(), guardMode);
        assertConfined((WorldSubject) new WorldFactory().create(config));
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void theSimulatorsWorldsKeepTheirMemoryToTheirThread(boolean guardMode) throws InterruptedException {
        RunConfig config = RunConfig.forSeed(3, 10, Switches.none(), guardMode);
        assertConfined(new WorldSubject(config, WorldOptions.inline()));
    }

    @ParameterizedTest(name = "guardMode={0}")
    @ValueSource(booleans = {false, true})
    void anotherProjectsAllocatorIsLeftAsItIs(boolean guardMode) throws InterruptedException {
        RunConfig config = RunConfig.forSeed(3, 10, Switches.none(), guardMode);
        World world = new WorldSubject(config, Coverage.SYSTEM, new SegcheckAllocatorFactory()).world();
        try {
            MemorySegment lease = world.allocator.allocate(4096);
            assertNull(readOnAnotherThread(lease), "a factory not made for one thread hands out shared memory");
            world.allocator.release(lease);
        } finally {
            world.close();
        }
    }
}
