package io.segcheck.stress.jcstress;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import io.segcheck.stress.RedTwinOf;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Shows the bug {@link Page_01_ConcurrentReturn} guards against: with RETURN_NOT_IDEMPOTENT (no
 * returned-flag, no lock, as before the fix) the second of two concurrent returns releases the
 * segments again and the allocator refuses it. Expected to FAIL: {@code verify} requires the
 * FORBIDDEN DOUBLE_RELEASE/STALE outcome to be seen (BrokenSiblingCheck).
 *
 * <p>Result: (actor1's return, actor2's return, segments still leased after both).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Page_01_BrokenConcurrentReturn -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, ok, 0", expect = ACCEPTABLE,
        desc = "Both returns completed and each segment went back to the allocator exactly once.")
@Outcome(id = {"(DOUBLE_RELEASE|STALE), .*", ".*, (DOUBLE_RELEASE|STALE), .*"}, expect = FORBIDDEN,
        desc = "The allocator refused a second release of a segment: the return is not idempotent under a race.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A return failed in another way, or a segment is still leased after both returns (a leak).")
@State
@RedTwinOf(Defect.RETURN_NOT_IDEMPOTENT)
public class Page_01_BrokenConcurrentReturn {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final KeyValueLeafPagePool POOL =
            new KeyValueLeafPagePool(ALLOCATOR, Defects.of(Defect.RETURN_NOT_IDEMPOTENT));

    private final PageReturnRace race = new PageReturnRace(POOL);

    @Actor
    public void actor1(LLI_Result result) {
        result.r1 = race.returnSegments();
    }

    @Actor
    public void actor2(LLI_Result result) {
        result.r2 = race.returnSegments();
    }

    @Arbiter
    public void arbiter(LLI_Result result) {
        result.r3 = race.leakedSegments();
    }
}
