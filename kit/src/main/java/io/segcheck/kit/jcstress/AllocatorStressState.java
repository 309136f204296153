package io.segcheck.kit.jcstress;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.kit.LeaseWorld;
import io.segcheck.kit.LeaseWorld.Lease;
import io.segcheck.kit.OwnershipViolation;
import org.openjdk.jcstress.infra.results.LLL_Result;

import java.util.List;

/**
 * A JCStress state for any allocator: a release racing a reusing allocate. Each state is a new
 * allocator of the factory holding one lease L (largest class, stamped with its owner's mark). One
 * actor releases L, reads the stats and then releases the same instance again; the other leases a segment of the
 * same class, which may be L's bytes handed out again. The second release is an old instance (a
 * double release, or a stale one once the bytes went to the other actor) and must be refused as
 * the design declares and change nothing. The arbiter then asks the allocator model about every call
 * of the round (some order respecting real time must fit it, the counters at rest included): no byte range
 * held twice, the new owner's mark intact, the known counters equal to the one lease held, two
 * further leases overlapping nothing, and everything counted back to 0 once released; it closes
 * the allocator.
 *
 * <p>JCStress reads {@code @Actor} and {@code @Arbiter} methods of the test class only, so a user
 * writes a concrete class with three one-line methods (about 15 lines):
 * <pre>{@code
 * @JCStressTest
 * @Outcome(id = AllocatorStressState.ACCEPTABLE, expect = ACCEPTABLE, desc = AllocatorStressState.ACCEPTABLE_DESC)
 * @Outcome(id = ".*", expect = FORBIDDEN, desc = AllocatorStressState.FORBIDDEN_DESC)
 * @State
 * public class MyAllocator_StaleReleaseVsReuse extends AllocatorStressState {
 *     public MyAllocator_StaleReleaseVsReuse() { super(new MyAllocatorFactory()); }
 *     @Actor public void releaser(LLL_Result r) { releaseTwice(r); }
 *     @Actor public void leaser(LLL_Result r) { lease(r); }
 *     @Arbiter public void arbiter(LLL_Result r) { verdict(r); }
 * }
 * }</pre>
 *
 * <p>Result (r1, r2, r3): how the second release ended ({@code refused-DOUBLE_RELEASE},
 * {@code refused-STALE} for typed refusals, {@code ignored} for a silent no-op; else what went
 * wrong), what the leaser got ({@code fresh} bytes or L's {@code reused}; {@code dirty} when a
 * zeroing design handed out L's mark), and the arbiter's verdict ({@code intact}, or the
 * {@link io.segcheck.model.ViolationKind} of the first broken invariant).
 */
public abstract class AllocatorStressState {

    /** The outcomes of a correct allocator, as a JCStress outcome regex. */
    public static final String ACCEPTABLE = "(refused-DOUBLE_RELEASE|refused-STALE|ignored), (fresh|reused), intact";
    /** The description of {@link #ACCEPTABLE}. */
    public static final String ACCEPTABLE_DESC = "The second release of the old instance was refused as declared, "
            + "the leaser got fresh or reused bytes, and ownership was intact afterwards.";
    /** The description of every other outcome. */
    public static final String FORBIDDEN_DESC = "An old instance's release was accepted or refused wrongly, a "
            + "zeroing design handed out a previous owner's bytes, or the arbiter found ownership broken "
            + "(ALIAS, STALE_RELEASE, DOUBLE_RELEASE, LEAK, ...).";

    private final LeaseWorld world;
    private final Lease lease;
    private Lease leased;

    /** A new allocator of {@code factory} holding one lease; built per JCStress state. */
    protected AllocatorStressState(AllocatorFactory factory) {
        this.world = new LeaseWorld(factory);
        this.lease = world.lease(1);
    }

    /**
     * Actor: releases the lease, reads the allocator's stats (a second call in between, as a caller
     * that logs its pool would, which widens the window a racing allocate lands in), then releases
     * the same instance again; records how the second release ended in r1.
     */
    protected final void releaseTwice(LLL_Result result) {
        String first = world.release(lease.segment());
        world.allocator().stats();
        String again = world.release(lease.segment());
        if (!first.equals(LeaseWorld.OK)) {
            result.r1 = "first-release-" + first;
        } else if (world.refusedAsDeclared(again, SegmentOwnershipException.Kind.DOUBLE_RELEASE,
                SegmentOwnershipException.Kind.STALE)) {
            result.r1 = again.equals(LeaseWorld.OK) ? "ignored" : "refused-" + again;
        } else {
            result.r1 = again.equals(LeaseWorld.OK) ? "accepted" : "again-" + again;
        }
    }

    /** Actor: leases a segment of the same class and stamps it; records fresh, reused or what went wrong in r2. */
    protected final void lease(LLL_Result result) {
        try {
            leased = world.lease(2);
            result.r2 = leased.segment().address() == lease.segment().address() ? "reused" : "fresh";
        } catch (OwnershipViolation notZeroed) {
            result.r2 = "dirty";
        } catch (RuntimeException refused) {
            result.r2 = "lease-" + LeaseWorld.describe(refused);
        }
    }

    /** Arbiter: the ownership checks at rest, {@code intact} or the broken invariant's kind in r3; closes the allocator. */
    protected final void verdict(LLL_Result result) {
        try {
            List<Lease> live = leased == null ? List.of() : List.of(leased);
            world.checkOwners(live);
            world.releaseAllAndCheckNothingLeased(live);
            result.r3 = "intact";
        } catch (OwnershipViolation violation) {
            result.r3 = violation.kind().name();
        } catch (RuntimeException failure) {
            result.r3 = "check-" + LeaseWorld.describe(failure);
        } finally {
            world.close();
        }
    }
}
