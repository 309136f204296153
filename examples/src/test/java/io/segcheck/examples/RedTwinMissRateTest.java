package io.segcheck.examples;

import io.segcheck.kit.MissRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.List;

/**
 * How often each red twin of this module misses its planted bug; skipped unless asked for:
 * {@code ./segcheck mvn -pl examples -am test -Dtest=RedTwinMissRateTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsegcheck.missRate.runs=50} (load the machine while it runs). Writes target/miss-rate.md.
 */
@EnabledIfSystemProperty(named = "segcheck.missRate.runs", matches = "\\d+")
class RedTwinMissRateTest {

    @Test
    void redTwinsNeverMiss() throws Exception {
        MissRate.measure(Integer.getInteger("segcheck.missRate.runs"), List.of(
                        FreeListPoolLincheckTest.class.getName() + "#modelCheckingFindsThePlantedStaleRelease",
                        ArenaPerLeaseLincheckTest.class.getName() + "#modelCheckingFindsThePlantedBudgetLeak",
                        // The page contract's racing returns: two real threads, the second started while
                        // the first is inside its first release.
                        PlantedPageBugsTest.class.getName() + "#kitFindsAReturnThatIsNotIdempotentUnderRacingCalls",
                        PlantedPageBugsTest.class.getName()
                                + "#kitFindsSegcheckPagesReturnThatIsNotIdempotentThroughTheSeam"),
                Path.of("target", "miss-rate.md")).assertNoMisses();
    }
}
