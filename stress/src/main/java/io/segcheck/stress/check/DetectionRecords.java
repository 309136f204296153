package io.segcheck.stress.check;

import io.segcheck.stress.RedTwinOf;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

/**
 * One detection record per JCStress Broken sibling, for {@code segcheck matrix}: a properties file
 * {@code jcstress-NAME.properties} with the defect the sibling's {@link RedTwinOf} names, whether
 * its forbidden outcome was seen, and the samples. A sibling without {@link RedTwinOf} gets no
 * record (it shows a race no switchable defect reproduces).
 */
final class DetectionRecords {

    private DetectionRecords() {
    }

    static void write(List<BrokenSiblingCheck.Summary> summaries, File recordsDir) throws IOException {
        Files.createDirectories(recordsDir.toPath());
        for (BrokenSiblingCheck.Summary summary : summaries) {
            RedTwinOf twin = redTwinOf(summary.testName());
            if (twin == null) {
                continue;
            }
            String shortName = summary.testName().substring(summary.testName().lastIndexOf('.') + 1);
            Properties record = new Properties();
            record.setProperty("defect", twin.value().name());
            record.setProperty("test", shortName);
            record.setProperty("detected", Boolean.toString(summary.verdict() == BrokenSiblingCheck.Verdict.DETECTED));
            // The first forbidden outcome names the symptom; all of them go into the note.
            record.setProperty("symptom", summary.forbiddenOutcomes().isEmpty() ? ""
                    : summary.forbiddenOutcomes().getFirst());
            record.setProperty("trials", Long.toString(summary.totalSamples()));
            record.setProperty("trialUnit", "samples");
            record.setProperty("note", "forbidden " + summary.forbiddenSamples() + " of " + summary.totalSamples()
                    + " samples; verdict " + summary.verdict() + "; forbidden outcomes: "
                    + String.join(" / ", summary.forbiddenOutcomes())
                    + (summary.detail().isEmpty() ? "" : " " + summary.detail()));
            try (Writer writer = Files.newBufferedWriter(new File(recordsDir, "jcstress-" + shortName + ".properties")
                    .toPath(), StandardCharsets.UTF_8)) {
                record.store(writer, "segcheck detection record");
            }
        }
    }

    private static RedTwinOf redTwinOf(String className) {
        try {
            return Class.forName(className, false, DetectionRecords.class.getClassLoader()).getAnnotation(RedTwinOf.class);
        } catch (ClassNotFoundException missing) {
            return null;
        }
    }
}
