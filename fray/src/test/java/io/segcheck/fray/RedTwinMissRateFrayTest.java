package io.segcheck.fray;

import io.segcheck.kit.MissRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.List;

/**
 * How often each Fray red twin misses its defect; skipped unless asked for:
 * {@code ./segcheck mvn -pl fray -am test -Dtest=RedTwinMissRateFrayTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsegcheck.missRate.runs=50} (load the machine while it runs). Writes target/miss-rate.md.
 */
@EnabledIfSystemProperty(named = "segcheck.missRate.runs", matches = "\\d+")
class RedTwinMissRateFrayTest {

    @Test
    void redTwinsNeverMiss() throws Exception {
        String allocator = AllocatorRacesFrayTest.class.getName();
        String page = PageRacesFrayTest.class.getName();
        String planted = PlantedBugsFrayTest.class.getName();
        MissRate.measure(Integer.getInteger("segcheck.missRate.runs"), List.of(
                        allocator + "#redTwinFreeStackWithoutItsAbaTagIsFound(org.junit.jupiter.api.TestInfo)",
                        allocator + "#redTwinUnmapCountingBeforeItDrainsIsFound(org.junit.jupiter.api.TestInfo)",
                        page + "#redTwinReturnWithoutFlagOrLockIsFound(org.junit.jupiter.api.TestInfo)",
                        page + "#redTwinResizeLeavingTheSharedFieldDanglingIsFound(org.junit.jupiter.api.TestInfo)",
                        page + "#redTwinRetireReleasingOutsideThePageLockIsFound(org.junit.jupiter.api.TestInfo)",
                        page + "#redTwinEvictionThatSkipsTheReturnIsFound(org.junit.jupiter.api.TestInfo)",
                        page + "#redTwinClearZeroingReturnedMemoryIsFound(org.junit.jupiter.api.TestInfo)",
                        planted + "#freeListPoolAcceptingAStaleReleaseIsFound(org.junit.jupiter.api.TestInfo)",
                        planted + "#arenaAllocatorKeepingReleasedBytesOnItsBudgetIsFound(org.junit.jupiter.api.TestInfo)"),
                Path.of("target", "miss-rate.md")).assertNoMisses();
    }
}
