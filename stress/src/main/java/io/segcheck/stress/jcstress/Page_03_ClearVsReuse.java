package io.segcheck.stress.jcstress;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPagePool;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Proves: after a page returned its segment and another page leased the same slice again, the
 * first page's {@code clear()} never writes that memory: the new owner's record stays intact
 * while the clear runs and after it. Runs WITHOUT guard mode, where nothing but the fix stands
 * between the stale page and the new owner's data.
 *
 * <p>Result: (clear of the returned page, new owner's read-back of its record inside its own call, new owner's record
 * after both / whether the slice was really reused).
 * Broken sibling: {@link Page_03_BrokenClearVsReuse} (CLEAR_ZEROES_RETURNED).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Page_03_ClearVsReuse -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, intact, intact/reused", expect = ACCEPTABLE,
        desc = "The new owner reused the slice and its record survived the old page's clear.")
@Outcome(id = "ok, intact, intact/fresh", expect = ACCEPTABLE,
        desc = "The new owner got another slice, so this sample did not exercise the race; nothing was damaged.")
@Outcome(id = {".*zeroed.*", ".*torn.*"}, expect = FORBIDDEN,
        desc = "The old page's clear zero-filled memory that the new owner leased: its record was destroyed.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A clear or a read failed with an exception, or the record changed in another way.")
@State
public class Page_03_ClearVsReuse {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final KeyValueLeafPagePool POOL = new KeyValueLeafPagePool(ALLOCATOR, Defects.none());

    private final ClearVsReuseRace race = new ClearVsReuseRace(POOL);

    @Actor
    public void clearer(LLL_Result result) {
        result.r1 = race.clearReturnedPage();
    }

    @Actor
    public void reuser(LLL_Result result) {
        result.r2 = race.writeAndReadBack();
    }

    @Arbiter
    public void arbiter(LLL_Result result) {
        result.r3 = race.finalRecordAndRetire();
    }
}
