package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The checks that may crash a JVM when the allocator is broken, run by {@link ForkedCheck} as the
 * main class of a child JVM: {@code ForkedChecks FACTORY_CLASS BUDGET REGION GUARD QUARANTINE CHECK
 * [PROPERTIES]}.
 */
public final class ForkedChecks {

    /** Segment access after {@code close()} throws {@code IllegalStateException}. */
    public static final String ACCESS_AFTER_CLOSE = "accessAfterClose";
    /** Read, write and fill through a released segment throw {@code IllegalStateException}. */
    public static final String ACCESS_AFTER_RELEASE = "accessAfterRelease";
    /** Workers leasing and writing while another thread closes only ever see {@code IllegalStateException}. */
    public static final String CLOSE_RACING_USE = "closeRacingUse";

    private ForkedChecks() {
    }

    /** A failed check: the message the parent reports as the finding. */
    static final class Finding extends Exception {
        private static final long serialVersionUID = 1L;

        Finding(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        OffHeapAllocator allocator;
        AllocatorDesign design;
        try {
            AllocatorFactory factory = AllocatorFactory.load(args[0], ForkedChecks.class.getClassLoader());
            AllocatorSettings settings = new AllocatorSettings(Long.parseLong(args[1]), Long.parseLong(args[2]),
                    Boolean.parseBoolean(args[3]), Integer.parseInt(args[4]),
                    AllocatorSettings.parseProperties(args.length > 6 ? args[6] : ""));
            design = factory.design(settings);
            allocator = factory.create(settings);
        } catch (RuntimeException setup) {
            System.out.println(setup);
            System.exit(ForkedCheck.SETUP_FAILED);
            return;
        }
        try {
            run(args[5], allocator, design);
            System.exit(ForkedCheck.PASSED);
        } catch (Finding finding) {
            System.out.println(finding.getMessage());
            System.exit(ForkedCheck.FAILED);
        } catch (Throwable unexpected) {
            System.out.println("unexpected " + unexpected);
            unexpected.printStackTrace(System.out);
            System.exit(ForkedCheck.FAILED);
        }
    }

    static void run(String check, OffHeapAllocator allocator, AllocatorDesign design) throws Exception {
        switch (check) {
            case ACCESS_AFTER_CLOSE -> accessAfterClose(allocator, design);
            case ACCESS_AFTER_RELEASE -> accessAfterRelease(allocator, design);
            case CLOSE_RACING_USE -> closeRacingUse(allocator, design);
            default -> ForkedPageChecks.run(check, allocator);
        }
    }

    private static void accessAfterClose(OffHeapAllocator allocator, AllocatorDesign design) throws Finding {
        int small = design.sizeClassesBytes().getFirst();
        MemorySegment held = allocator.allocate(small);
        MemorySegment released = allocator.allocate(design.maxClassBytes());
        allocator.release(released);
        allocator.close();
        expectIllegalState("get through a segment leased at close", () -> held.get(ValueLayout.JAVA_LONG, 0));
        expectIllegalState("set through a segment leased at close", () -> held.set(ValueLayout.JAVA_LONG, 0, 1L));
        expectIllegalState("fill of a segment released before close", () -> released.fill((byte) 1));
    }

    private static void accessAfterRelease(OffHeapAllocator allocator, AllocatorDesign design) throws Finding {
        for (int size : List.of(design.sizeClassesBytes().getFirst(), design.maxClassBytes())) {
            MemorySegment segment = allocator.allocate(size);
            allocator.release(segment);
            expectIllegalState("read through a released " + size + " B segment",
                    () -> segment.get(ValueLayout.JAVA_BYTE, 0));
            expectIllegalState("write through a released " + size + " B segment",
                    () -> segment.set(ValueLayout.JAVA_LONG, 8, 7L));
            expectIllegalState("fill of a released " + size + " B segment", () -> segment.fill((byte) 0));
        }
    }

    private static void closeRacingUse(OffHeapAllocator allocator, AllocatorDesign design) throws Exception {
        int threads = 3;
        CountDownLatch warmedUp = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> endings = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int seed = thread;
                endings.add(pool.submit(() -> workUntilClosed(allocator, design, warmedUp, seed)));
            }
            warmedUp.await();
            allocator.close();
            for (Future<Throwable> ending : endings) {
                Throwable thrown = ending.get(30, TimeUnit.SECONDS);
                if (!(thrown instanceof IllegalStateException)) {
                    throw new Finding("a call racing close() threw " + thrown + " instead of IllegalStateException");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable workUntilClosed(OffHeapAllocator allocator, AllocatorDesign design,
            CountDownLatch warmedUp, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> sizes = design.sizeClassesBytes();
        for (long operations = 0; ; operations++) {
            if (operations == 200) {
                warmedUp.countDown();
            }
            try {
                MemorySegment segment = allocator.allocate(sizes.get(random.nextInt(sizes.size())));
                segment.set(ValueLayout.JAVA_LONG, segment.byteSize() - 8, operations);
                allocator.release(segment);
            } catch (Throwable thrown) {
                if (operations < 200) {
                    warmedUp.countDown();
                }
                return thrown;
            }
        }
    }

    private static void expectIllegalState(String what, Runnable access) throws Finding {
        try {
            access.run();
        } catch (IllegalStateException expected) {
            return;
        } catch (RuntimeException other) {
            throw new Finding(what + " threw " + other + " instead of IllegalStateException");
        }
        throw new Finding(what + " did not throw: memory the caller no longer owns was touched");
    }
}
