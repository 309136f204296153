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
 * The kit's JCStress base ({@link AllocatorStressState}: a release and a second release of the same instance racing a reusing allocate) against the example free-list pool (oldest first, silent refusals). Broken sibling: {@link Kit_03_BrokenFreeListPoolStaleReleaseVsReuse}, the pool's planted bug.
 *
 * <p>How to run this test alone:
 * {@code java --enable-native-access=ALL-UNNAMED -jar stress/target/jcstress.jar -t Kit_03_FreeListPoolStaleReleaseVsReuse -m sanity}
 */
@JCStressTest
@Outcome(id = AllocatorStressState.ACCEPTABLE, expect = ACCEPTABLE, desc = AllocatorStressState.ACCEPTABLE_DESC)
@Outcome(id = ".*", expect = FORBIDDEN, desc = AllocatorStressState.FORBIDDEN_DESC)
@State
public class Kit_03_FreeListPoolStaleReleaseVsReuse extends AllocatorStressState {

    public Kit_03_FreeListPoolStaleReleaseVsReuse() {
        super(new FreeListPoolFactory());
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
