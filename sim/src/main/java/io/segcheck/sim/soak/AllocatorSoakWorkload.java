package io.segcheck.sim.soak;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.api.AllocatorStats;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.alloc.SizeClass;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak load on the allocator alone. Each worker holds up to {@link #HELD_PER_CLASS} segments per
 * size class; a step picks a class at random and either leases one more (checks it is zero,
 * stamps a pattern over every word) or releases a random held one (checks the pattern first).
 * The per-class cap bounds what can be leased at once, so after warm-up the mapped bytes must
 * stay flat: growth means a leak.
 */
public final class AllocatorSoakWorkload implements SoakWorkload {

    /** Segments one worker holds per class at most. */
    static final int HELD_PER_CLASS = 4;

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private final OffHeapAllocator allocator;
    private final LongAdder rejectedReleases = new LongAdder();
    private final LongAdder exhaustedAllocations = new LongAdder();

    /** The workload does not own {@code allocator}: the caller closes it after the report. */
    public AllocatorSoakWorkload(OffHeapAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public String name() {
        return "allocator";
    }

    @Override
    public String settings() {
        AllocatorStats stats = allocator.stats();
        return "allocator=" + allocator.getClass().getSimpleName() + " budgetBytes=" + stats.budgetBytes()
                + " heldPerClassPerThread=" + HELD_PER_CLASS;
    }

    @Override
    public Worker newWorker(int workerIndex, long seed) {
        return new AllocatorWorker(workerIndex, new SplittableRandom(seed));
    }

    @Override
    public long footprintBytes() {
        return allocator.stats().mappedBytes();
    }

    @Override
    public void checkQuiescent(SoakReport.Builder report) {
        AllocatorStats stats = allocator.stats();
        report.figure("highWaterBytes", stats.highWaterBytes());
        report.figure("mappedBytes", stats.mappedBytes());
        report.figure("leasedSegments", stats.leasedSegments());
        report.figure("rejectedReleases", rejectedReleases.sum());
        report.figure("exhaustedAllocations", exhaustedAllocations.sum());
        if (stats.leasedSegments() != 0 || stats.leasedBytes() != 0) {
            report.violation("LEAK at quiescence: leasedSegments=" + stats.leasedSegments() + " leasedBytes="
                    + stats.leasedBytes() + " (every worker released what it held)");
        }
        if (rejectedReleases.sum() != 0) {
            report.violation("REJECTED_RELEASE: rejectedReleases=" + rejectedReleases.sum()
                    + " (every release in the soak is of a segment the worker owns)");
        }
    }

    /** A held segment and the pattern stamped into it. */
    private record Held(MemorySegment segment, long pattern) {
    }

    private final class AllocatorWorker implements Worker {

        private final int workerIndex;
        private final SplittableRandom random;
        private final List<List<Held>> heldByClass = new ArrayList<>();

        AllocatorWorker(int workerIndex, SplittableRandom random) {
            this.workerIndex = workerIndex;
            this.random = random;
            for (int classIndex = 0; classIndex < SizeClass.COUNT; classIndex++) {
                heldByClass.add(new ArrayList<>(HELD_PER_CLASS));
            }
        }

        @Override
        public void step(SoakReport.Builder report) {
            int classIndex = random.nextInt(SizeClass.COUNT);
            List<Held> held = heldByClass.get(classIndex);
            if (held.size() == HELD_PER_CLASS || (!held.isEmpty() && random.nextBoolean())) {
                release(held.remove(random.nextInt(held.size())), report);
            } else {
                lease(classIndex, held, report);
            }
        }

        @Override
        public void finish(SoakReport.Builder report) {
            for (List<Held> held : heldByClass) {
                held.forEach(segment -> release(segment, report));
                held.clear();
            }
        }

        private void lease(int classIndex, List<Held> held, SoakReport.Builder report) {
            int classBytes = SizeClass.sizeBytes(classIndex);
            long requestBytes = classBytes / 2 + 1 + random.nextInt(classBytes / 2); // rounds up to classBytes
            MemorySegment segment;
            try {
                segment = allocator.allocate(requestBytes);
            } catch (AllocatorExhaustedException exhausted) {
                exhaustedAllocations.increment(); // a small --budget makes this expected, not a bug
                return;
            }
            checkZeroed(segment, report);
            long pattern = random.nextLong();
            int words = (int) (segment.byteSize() >>> 3);
            for (int word = 0; word < words; word++) {
                segment.setAtIndex(WORD, word, pattern + word);
            }
            held.add(new Held(segment, pattern));
        }

        private void release(Held held, SoakReport.Builder report) {
            MemorySegment segment = held.segment();
            int words = (int) (segment.byteSize() >>> 3);
            for (int word = 0; word < words; word++) {
                long actual = segment.getAtIndex(WORD, word);
                if (actual != held.pattern() + word) {
                    report.violation("LOST_DATA: worker=" + workerIndex + " address=0x"
                            + Long.toHexString(segment.address()) + " offsetBytes=" + ((long) word << 3)
                            + " expected=" + (held.pattern() + word) + " actual=" + actual
                            + " (someone else wrote into a leased segment)");
                    break;
                }
            }
            try {
                allocator.release(segment);
            } catch (SegmentOwnershipException rejected) {
                rejectedReleases.increment();
                report.violation("REJECTED_RELEASE: worker=" + workerIndex + " " + rejected.getMessage());
            }
        }

        /** First, middle and last word: a full scan would double the cost, and the contract test covers it. */
        private void checkZeroed(MemorySegment segment, SoakReport.Builder report) {
            long last = segment.byteSize() - 8;
            for (long offset : new long[] {0, last / 2 & ~7L, last}) {
                long value = segment.get(WORD, offset);
                if (value != 0) {
                    report.violation("NOT_ZEROED: worker=" + workerIndex + " address=0x"
                            + Long.toHexString(segment.address()) + " offsetBytes=" + offset + " value=" + value);
                    return;
                }
            }
        }
    }
}
