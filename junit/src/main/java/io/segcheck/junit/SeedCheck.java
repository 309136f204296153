package io.segcheck.junit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** One kind of seeded check of a team's allocator (the sequence sweep or the simulator), seed by seed. */
interface SeedCheck {

    /** What the test's name says of the check: {@code sweep} or {@code simulation}. */
    String kind();

    /** The configuration parameter that sets this check's seeds. */
    String seedsKey();

    /** The settings {@code seed} draws, in words for a display name. */
    String drawnSettings(long seed);

    /** Runs {@code seed} once, counting the marks the allocator declared. */
    SeedResult run(long seed);

    /** Runs the failing {@code seed} again and shrinks it; writes its replay under {@code folder}. */
    Failure shrink(long seed, Path folder) throws IOException;

    /** One seed's run: clean or the violation's sentence, and the marks it reached. */
    record SeedResult(boolean clean, String sentence, Map<String, Long> marks) {
    }

    /** A failure told as segcheck's CLI tells it (settings, shrunk steps), and the replay file written. */
    record Failure(String report, Path replay) {
    }
}
