package io.segcheck.stress.lincheck;

import io.segcheck.kit.MissRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.List;

/**
 * How often each Lincheck red twin misses its defect; skipped unless asked for:
 * {@code ./segcheck mvn -pl stress -am test -Dtest=RedTwinMissRateTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsegcheck.missRate.runs=50} (load the machine while it runs). Writes target/miss-rate.md. The
 * JCStress twins are measured by src/build/jcstress-miss-rate.sh.
 */
@EnabledIfSystemProperty(named = "segcheck.missRate.runs", matches = "\\d+")
class RedTwinMissRateTest {

    @Test
    void redTwinsNeverMiss() throws Exception {
        MissRate.measure(Integer.getInteger("segcheck.missRate.runs"), List.of(
                        CacheLincheckTest.class.getName() + "#modelCheckingFindsTheRemovedPageThatWasNeverReturned",
                        PageReturnLincheckTest.class.getName() + "#modelCheckingFindsTheDoubleReleaseWhenReturnIsNotIdempotent",
                        PageReturnLincheckTest.class.getName() + "#modelCheckingFindsClearWritingAReturnedSegment",
                        ResizeVsReturnLincheckTest.class.getName() + "#modelCheckingFindsTheDanglingSharedSegmentReleasedTwice",
                        FreeStackAbaLincheckTest.class.getName() + "#modelCheckingFindsTheUntaggedStackHandingOutALeasedSlice"),
                Path.of("target", "miss-rate.md")).assertNoMisses();
    }
}
