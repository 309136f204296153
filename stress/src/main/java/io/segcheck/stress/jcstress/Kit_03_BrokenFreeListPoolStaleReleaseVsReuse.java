package io.segcheck.stress.jcstress;

import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.jcstress.AllocatorStressState;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The red twin of {@link Kit_03_FreeListPoolStaleReleaseVsReuse}: the pool's planted bug (release recognises a lease by its address alone). Only an interleaving shows it: the leaser's allocate between the releaser's two releases gets the released bytes, and the second release, of the old instance, frees them under their new owner (r3 {@code STALE_RELEASE}). In either order of whole calls the second release finds no lease at that address and is ignored. Expected to FAIL: {@code verify} requires a FORBIDDEN outcome to be seen (BrokenSiblingCheck); it names no segcheck defect, so it writes no detection record.
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Kit_03_BrokenFreeListPoolStaleReleaseVsReuse -m sanity}
 */
@JCStressTest
@Outcome(id = AllocatorStressState.ACCEPTABLE, expect = ACCEPTABLE, desc = AllocatorStressState.ACCEPTABLE_DESC)
@Outcome(id = ".*", expect = FORBIDDEN, desc = AllocatorStressState.FORBIDDEN_DESC)
@State
public class Kit_03_BrokenFreeListPoolStaleReleaseVsReuse extends AllocatorStressState {

    public Kit_03_BrokenFreeListPoolStaleReleaseVsReuse() {
        super(new FreeListPoolFactory.PlantedBug());
    }

    @Actor
    public void releaser(LLL_Result result) {
        releaseTwice(result);
    }

    @Actor
    public void leaser(LLL_Result result) {
        lease(result);
    }

    @Arbiter
    public void arbiter(LLL_Result result) {
        verdict(result);
    }
}
