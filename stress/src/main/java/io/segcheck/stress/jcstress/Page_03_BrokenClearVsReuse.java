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
import org.openjdk.jcstress.infra.results.LLL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Shows the bug {@link Page_03_ClearVsReuse} guards against (the seed's JVM crash): with
 * CLEAR_ZEROES_RETURNED, {@code clear()} zero-fills the segment a returned page still points at,
 * which now holds another page's record. Without guard mode the zeroing is silent corruption, not
 * an exception.
 *
 * <p>Needs an interleaving: the FORBIDDEN outcome is the clear landing INSIDE the new owner's call,
 * between its write and its read-back. In the two orders of whole calls it cannot happen: clear
 * first zeroes the new owner's slice before its record is written ({@code ok, intact,
 * intact/reused}); clear last zeroes the record after the new owner's call, which the arbiter sees
 * ({@code ok, intact, zeroed/reused}) and which this twin grades ACCEPTABLE_INTERESTING, since an
 * order of whole calls shows it (the fixed test forbids it). Expected to FAIL: {@code verify}
 * requires the FORBIDDEN in-call outcome to be seen.
 *
 * <p>Result: (clear of the returned page, new owner's read-back of its record inside its own call,
 * new owner's record after both / whether the slice was really reused).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Page_03_BrokenClearVsReuse -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, intact, intact/reused", expect = ACCEPTABLE,
        desc = "The new owner reused the slice and its record survived the old page's clear.")
@Outcome(id = "ok, intact, intact/fresh", expect = ACCEPTABLE,
        desc = "The new owner got another slice, so this sample did not exercise the race; nothing was damaged.")
@Outcome(id = "ok, intact, (zeroed|torn)/reused", expect = ACCEPTABLE_INTERESTING,
        desc = "The clear ran after the new owner's whole call and zeroed its record: an order of whole calls shows this.")
@Outcome(id = "ok, (zeroed|torn), .*", expect = FORBIDDEN,
        desc = "The old page's clear zero-filled the new owner's slice between its write and its read-back.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A clear or a read failed with an exception, or the record changed in another way.")
@State
@RedTwinOf(Defect.CLEAR_ZEROES_RETURNED)
public class Page_03_BrokenClearVsReuse {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final KeyValueLeafPagePool POOL =
            new KeyValueLeafPagePool(ALLOCATOR, Defects.of(Defect.CLEAR_ZEROES_RETURNED));

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
