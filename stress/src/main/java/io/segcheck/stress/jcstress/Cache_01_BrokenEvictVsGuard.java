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
 * Shows the bug {@link Cache_01_EvictVsGuard} guards against: with EVICTION_SKIPS_RETURN the
 * removal listener only clears the page, whatever its guards, and keeps its segment.
 *
 * <p>Needs an interleaving: the FORBIDDEN outcome is the reader finding its page emptied UNDER its
 * own guard ({@code guarded-empty}): the removal's clear landed between the reader's guard and its
 * read. In the two orders of whole calls the reader finds no page ({@code absent}) or reads it
 * intact and closes its guard before the removal. The leak ({@code LIVE leaked=1}) shows in every
 * order, so this twin grades it ACCEPTABLE_INTERESTING (the fixed test forbids it). Expected to
 * FAIL: {@code verify} requires the FORBIDDEN outcome to be seen.
 *
 * <p>Result: (removing thread, guarded reader, final page state / leaked segments / listener failures).
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Cache_01_BrokenEvictVsGuard -m sanity}
 */
@JCStressTest
@Outcome(id = "ok, absent, RETURNED leaked=0 listenerFailures=0", expect = ACCEPTABLE,
        desc = "The removal came first: the reader found no page and the page was returned at once.")
@Outcome(id = "ok, guarded-intact, RETURNED leaked=0 listenerFailures=0", expect = ACCEPTABLE,
        desc = "The reader guarded the page first and read it intact; the page was returned when the guard closed.")
@Outcome(id = "ok, (absent|guarded-intact), LIVE leaked=1 listenerFailures=0", expect = ACCEPTABLE_INTERESTING,
        desc = "The removed page's segment leaked: every order of whole calls shows this; the fixed test forbids it.")
@Outcome(id = ".*guarded-empty.*", expect = FORBIDDEN,
        desc = "The removal cleared the page while the reader held a guard on it: the reader found its page emptied.")
@Outcome(id = ".*", expect = FORBIDDEN,
        desc = "A guarded read failed or saw damaged data, the page was not returned, or the listener failed.")
@State
@RedTwinOf(Defect.EVICTION_SKIPS_RETURN)
public class Cache_01_BrokenEvictVsGuard {

    private static final OffHeapAllocator ALLOCATOR = StressFixtures.forkAllocator();
    private static final Defects DEFECTS = Defects.of(Defect.EVICTION_SKIPS_RETURN);
    private static final KeyValueLeafPagePool POOL = new KeyValueLeafPagePool(ALLOCATOR, DEFECTS);

    private final EvictVsGuardRace race = new EvictVsGuardRace(POOL, DEFECTS);

    @Actor
    public void evictor(LLL_Result result) {
        result.r1 = race.evict();
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
