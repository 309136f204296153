package io.segcheck.stress.lincheck;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.impl.alloc.SegmentAllocators;
import io.segcheck.impl.alloc.SizeClass;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The free stack's ABA under Lincheck's model checker: one stripe (both threads pop and push the
 * same head), and the one scenario that builds an ABA, handed to Lincheck as a custom scenario:
 * thread 1 leases one slice; thread 2 leases two and releases the FIRST of them. If thread 1's pop
 * is switched out between its read of the head (slice A, A's link: B) and its CAS, while thread 2
 * pops A and B and pushes A back, the head reads A again: with the tag the CAS fails and retries;
 * without it (FREE_STACK_WITHOUT_ABA_TAG) it succeeds and installs B, which thread 2 holds, as the
 * head, and the next lease is a second owner of B.
 *
 * <p>Why the generated scenarios of {@link AllocatorLincheckTest} never build it: their release
 * gives back the most recent lease held (LIFO), so thread 2's release pushes B, not A, and the head
 * never reads A again. The operations here name which lease each call releases.
 *
 * <p>Single steps, as in {@link AllocatorLincheckTest}: the slow path under the map lock, zeroing,
 * JFR events, mapping and the JDK's foreign-memory internals; the fast path's pop and push are
 * explored step by step.
 */
class FreeStackAbaLincheckTest {

    private static final int SLICE_BYTES = SizeClass.MIN_BYTES;

    /** The allocator and three named leases: thread 1's, thread 2's first (released) and second (kept). */
    public abstract static class FreeStack {

        private final OffHeapAllocator allocator;
        private volatile MemorySegment other;
        private volatile MemorySegment first;
        private volatile MemorySegment second;

        FreeStack(Defects defects) {
            this.allocator = SegmentAllocators.create(AllocatorConfig.defaults().withRegionBytes(SizeClass.MAX_BYTES)
                    .withBudgetBytes(4L * SizeClass.MAX_BYTES).withStripeCount(1), defects);
            allocator.release(allocator.allocate(SLICE_BYTES)); // maps the region: its slices on the one stack
        }

        private MemorySegment lease(long mark) {
            MemorySegment segment = allocator.allocate(SLICE_BYTES);
            segment.set(ValueLayout.JAVA_LONG, 0, mark);
            return segment;
        }

        /** Thread 1: one lease. */
        @Operation
        public String leaseOther() {
            other = lease(1);
            return "ok";
        }

        /** Thread 2: the lease it will release. */
        @Operation
        public String leaseFirst() {
            first = lease(2);
            return "ok";
        }

        /** Thread 2: the lease it keeps. */
        @Operation
        public String leaseSecond() {
            second = lease(3);
            return "ok";
        }

        /** Thread 2: gives back its first lease (the slice thread 1 may have read as the head). */
        @Operation
        public String releaseFirst() {
            allocator.release(first);
            return "ok";
        }

        /**
         * After the run: the two leases held and two new ones are four distinct slices, and the
         * owners' marks are intact; an ABA shows as a new lease of a slice still held.
         */
        @Validate
        public void noSliceHasTwoOwners() {
            try {
                List<MemorySegment> held = new ArrayList<>(List.of(other, second));
                held.add(allocator.allocate(SLICE_BYTES));
                held.add(allocator.allocate(SLICE_BYTES));
                for (int index = 0; index < held.size(); index++) {
                    for (int earlier = 0; earlier < index; earlier++) {
                        if (held.get(index).address() == held.get(earlier).address()) {
                            throw new IllegalStateException("ALIAS: slice 0x" + Long.toHexString(held.get(index).address())
                                    + " leased twice: lease " + earlier + " and lease " + index
                                    + " (0-1 held after the run, 2-3 leased after it)");
                        }
                    }
                }
                if (other.get(ValueLayout.JAVA_LONG, 0) != 1 || second.get(ValueLayout.JAVA_LONG, 0) != 3) {
                    throw new IllegalStateException("ALIAS: an owner's mark was overwritten");
                }
            } finally {
                allocator.close();
            }
        }
    }

    /** The fixed stack: the head's tag moves on every push and pop. */
    public static final class Tagged extends FreeStack {
        public Tagged() {
            super(Defects.none());
        }
    }

    /** The defect: the head CAS compares the top slice id only. */
    public static final class Untagged extends FreeStack {
        public Untagged() {
            super(Defects.of(Defect.FREE_STACK_WITHOUT_ABA_TAG));
        }
    }

    /** Thread 1 leases; thread 2 leases two and releases the first; nothing before or after. */
    static ExecutionScenario abaScenario(Class<? extends FreeStack> type) {
        try {
            Actor other = new Actor(type.getMethod("leaseOther"), List.of());
            Actor first = new Actor(type.getMethod("leaseFirst"), List.of());
            Actor second = new Actor(type.getMethod("leaseSecond"), List.of());
            Actor releaseFirst = new Actor(type.getMethod("releaseFirst"), List.of());
            Actor validation = new Actor(type.getMethod("noSliceHasTwoOwners"), List.of());
            return new ExecutionScenario(List.of(), List.of(List.of(other), List.of(first, second, releaseFirst)),
                    List.of(), validation);
        } catch (NoSuchMethodException missing) {
            throw new IllegalStateException(missing);
        }
    }

    /** Only the ABA scenario, explored for {@code stress.lincheck.invocations} interleavings. */
    static ModelCheckingOptions abaModelChecking(Class<? extends FreeStack> type) {
        return AllocatorLincheckTest.withAllocatorSingleSteps(new ModelCheckingOptions().iterations(0)
                .invocationsPerIteration(LincheckSettings.invocations())
                .addCustomScenario(abaScenario(type)).minimizeFailedScenario(false));
    }

    @Test
    void theTaggedStackSurvivesTheAbaInterleaving() {
        abaModelChecking(Tagged.class).check(Tagged.class);
    }

    @Test
    void modelCheckingFindsTheUntaggedStackHandingOutALeasedSlice() {
        BrokenSiblings.assertValidationFails(Defect.FREE_STACK_WITHOUT_ABA_TAG.name(), abaModelChecking(Untagged.class),
                Untagged.class, "ALIAS");
    }
}
