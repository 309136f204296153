package io.segcheck.stress.jcstress;

import io.segcheck.stress.RaceOutcomes;
import io.segcheck.api.OffHeapAllocator;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Proves: two threads allocating from one allocator at once never receive the same slice (nor
 * overlapping ones); each receives an all-zero segment; and each can release what it received.
 * Each actor marks its whole segment with its own byte; the arbiter checks that both marks
 * survived (an overlap would let one overwrite the other) and releases both.
 *
 * <p>Result: (actor1's segment on receipt, actor2's segment on receipt, distinct and intact /
 * both releases). No defect switch targets the allocator, so there is no broken sibling.
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Allocator_01_ConcurrentAllocate -m sanity}
 */
@JCStressTest
@Outcome(id = "zeroed, zeroed, distinct own-data released", expect = ACCEPTABLE,
        desc = "Each actor got its own zeroed slice, kept its own data, and released it.")
@Outcome(id = {".*same-slice.*", ".*overwritten.*"}, expect = FORBIDDEN,
        desc = "Both actors were handed the same or overlapping memory: one slice leased to two owners.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A segment came back dirty (a previous owner's data), or a release was refused.")
@State
public class Allocator_01_ConcurrentAllocate {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final int SEGMENT_BYTES = 4096;

    private MemorySegment first;
    private MemorySegment second;

    @Actor
    public void actor1(LLL_Result result) {
        first = ALLOCATOR.allocate(SEGMENT_BYTES);
        result.r1 = zeroThenMark(first, (byte) 1);
    }

    @Actor
    public void actor2(LLL_Result result) {
        second = ALLOCATOR.allocate(SEGMENT_BYTES);
        result.r2 = zeroThenMark(second, (byte) 2);
    }

    @Arbiter
    public void arbiter(LLL_Result result) {
        String distinct = first.address() == second.address() ? "same-slice" : "distinct";
        boolean ownData = isFilledWith(first, (byte) 1) && isFilledWith(second, (byte) 2);
        String firstRelease = RaceOutcomes.outcomeOf(() -> ALLOCATOR.release(first));
        String secondRelease = distinct.equals("distinct")
                ? RaceOutcomes.outcomeOf(() -> ALLOCATOR.release(second)) : RaceOutcomes.OK;
        boolean released = firstRelease.equals(RaceOutcomes.OK) && secondRelease.equals(RaceOutcomes.OK);
        result.r3 = distinct + (ownData ? " own-data" : " overwritten")
                + (released ? " released" : " release=" + firstRelease + "/" + secondRelease);
    }

    /** "zeroed" when the fresh segment is all zero (then marks it), else "dirty". */
    private static String zeroThenMark(MemorySegment segment, byte mark) {
        boolean zeroed = isFilledWith(segment, (byte) 0);
        segment.fill(mark);
        return zeroed ? "zeroed" : "dirty";
    }

    private static boolean isFilledWith(MemorySegment segment, byte value) {
        long expected = (value & 0xFFL) * 0x0101010101010101L;
        for (long offset = 0; offset < segment.byteSize(); offset += Long.BYTES) {
            if (segment.get(ValueLayout.JAVA_LONG_UNALIGNED, offset) != expected) {
                return false;
            }
        }
        return true;
    }
}
