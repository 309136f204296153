package io.segcheck.sim.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineTest {

    @TempDir
    Path folder;

    @Test
    void timelineShowsEachSegmentPerStepAndMarksTheFailingColumn() throws IOException {
        RunReport report = ToyRuns.firstFailure(new Runner(ToyWorld.plain()), ToyRuns.LEAK_BUG, 200, 200);
        Path replay = FailureReport.writeReplay(report, folder);
        Path timeline = Timeline.write(report, Timeline.pathFor(replay));
        assertEquals(folder.resolve("seed-" + report.config().seed() + ".html"), timeline);
        String html = Files.readString(timeline);
        assertTrue(html.contains(FailureReport.seedLine(report.config())), html);
        assertTrue(html.contains("<th>handle#1</th>"), html);
        assertTrue(html.contains("<th class=\"fail\">3<br>quiesce</th>"), html);
        assertTrue(html.contains("<td class=\"orphaned\">nobody ORPHANED</td>"), html);
        assertTrue(html.contains("LEAK: 1 handle(s) still open"), html);
    }

    @Test
    void textIsEscaped() {
        assertEquals("a&lt;b&gt;&amp;&quot;", Timeline.escape("a<b>&\""));
    }
}
