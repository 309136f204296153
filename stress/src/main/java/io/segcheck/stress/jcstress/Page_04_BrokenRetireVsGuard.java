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
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Shows the bug {@link Page_04_RetireVsGuard} guards against: with RETIRE_RELEASES_OUTSIDE_LOCK,
 * {@code pool.returnPage} decides "no guard" under the page lock and releases after unlocking, so
 * a guard opened in between holds a page whose segments were returned. Needs an interleaving: in
 * either order of whole calls the guard is refused or closed before the retire. Expected to FAIL:
 * {@code verify} requires the FORBIDDEN {@code guarded-...-RETURNED} outcome to be seen.
 *
 * <p>Result: (retiring thread, guard + read + state while guarded, up to
 * {@value RetireVsGuardRace#GUARD_ATTEMPTS} guards in a row, final state / leaked segments).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Page_04_BrokenRetireVsGuard -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, unguarded, RETURNED leaked=0", expect = ACCEPTABLE,
        desc = "The retire came first and returned the page; the guard was refused.")
@Outcome(id = {"ok, guarded-intact-LIVE, RETURNED leaked=0", "ok, guarded-intact-ORPHANED, RETURNED leaked=0"},
        expect = ACCEPTABLE,
        desc = "The guard came first: the read was intact, the retire orphaned the page, the guard's close returned it.")
@Outcome(id = {".*guarded-.*RETURNED, .*", ".*guarded-ILLEGAL_STATE.*"}, expect = FORBIDDEN,
        desc = "The page was returned while a guard was open: its segment was released under the reader.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "The retire failed, the read saw damaged data, or a segment leaked.")
@State
@RedTwinOf(Defect.RETIRE_RELEASES_OUTSIDE_LOCK)
public class Page_04_BrokenRetireVsGuard {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final KeyValueLeafPagePool POOL = new KeyValueLeafPagePool(ALLOCATOR, Defects.of(Defect.RETIRE_RELEASES_OUTSIDE_LOCK));

    private final RetireVsGuardRace race = new RetireVsGuardRace(POOL);

    @Actor
    public void retirer(LLL_Result result) {
        result.r1 = race.retire();
    }

    @Actor
    public void reader(LLL_Result result) {
        result.r2 = race.guardAndRead();
    }

    @Arbiter
    public void arbiter(LLL_Result result) {
        result.r3 = race.finalState();
    }
}
