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
 * Shows the bug {@link Page_02_ResizeVsReturn} guards against: with RESIZE_SHARED_DANGLING the
 * resize of a shared segment updates only the record field; the DeweyID field keeps the released
 * segment, and the racing return releases it a second time. Expected to FAIL whenever the write
 * wins the race: {@code verify} requires the FORBIDDEN DOUBLE_RELEASE/STALE outcome to be seen.
 *
 * <p>Result: (writer, retiring thread, segments still leased after both).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Page_02_BrokenResizeVsReturn -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, ok, 0", expect = ACCEPTABLE,
        desc = "The write and its resize finished first; the return then released the new segment once.")
@Outcome(id = "ILLEGAL_STATE, ok, 0", expect = ACCEPTABLE,
        desc = "The return came first; the write was refused with IllegalStateException (ILLEGAL_STATE) and allocated nothing.")
@Outcome(id = {".*, (DOUBLE_RELEASE|STALE), .*"}, expect = FORBIDDEN,
        desc = "The return released a segment the resize had already released: a field kept the old segment.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A call failed in another way, or a segment is still leased after both calls (a leak).")
@State
@RedTwinOf(Defect.RESIZE_SHARED_DANGLING)
public class Page_02_BrokenResizeVsReturn {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final KeyValueLeafPagePool POOL =
            new KeyValueLeafPagePool(ALLOCATOR, Defects.of(Defect.RESIZE_SHARED_DANGLING));

    private final ResizeVsReturnRace race = new ResizeVsReturnRace(POOL);

    @Actor
    public void writer(LLI_Result result) {
        result.r1 = race.writeResizingRecord();
    }

    @Actor
    public void retirer(LLI_Result result) {
        result.r2 = race.retire();
    }

    @Arbiter
    public void arbiter(LLI_Result result) {
        result.r3 = race.leakedSegments();
    }
}
