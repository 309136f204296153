package io.segcheck.kit.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.kit.PlainAllocatorFactory;
import io.segcheck.kit.SystemProperties;
import io.segcheck.kit.fray.FrayExplorer.Strategy;
import io.segcheck.kit.fray.GeneratedPageScenarios.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JUnit front door of {@link GeneratedPageScenarios}: extend it with a page factory, in a test
 * module whose JVM runs under Fray (as for {@link AllocatorFrayBase}), and the generated concurrent
 * scenarios must stay clean over {@code races.pagePrograms} programs (default 10, from seed
 * {@code races.pageFirstSeed}, default 0) of {@code races.pageSchedules} schedules each (default 20),
 * scheduler seed {@code fray.seed} (default 0).
 * <pre>{@code
 * class MyPageScenariosFrayTest extends PageScenariosFrayBase {
 *     @Override protected PageFactory pageFactory() { return new MyPageFactory(); }
 * }
 * }</pre>
 * A failure prints the program, Fray's summary line and the properties that run that one program
 * again up to its failing schedule.
 */
public abstract class PageScenariosFrayBase {

    /** Programs searched; default 10. */
    public static final String PROGRAMS_PROPERTY = "races.pagePrograms";
    /** Schedules per program; default 20. */
    public static final String SCHEDULES_PROPERTY = "races.pageSchedules";
    /** The seed of the first program; default 0. */
    public static final String FIRST_SEED_PROPERTY = "races.pageFirstSeed";

    /** The pages under check. */
    protected abstract PageFactory pageFactory();

    /** The allocator the pages lease from, under segcheck's observing one: a plain one unless overridden. */
    protected AllocatorFactory allocatorFactory() {
        return new PlainAllocatorFactory();
    }

    @Test
    void generatedConcurrentScenariosStayClean(TestInfo test) {
        String name = test.getTestClass().orElseThrow().getSimpleName();
        Optional<Found> found = new GeneratedPageScenarios(pageFactory(), allocatorFactory()).search(name,
                SystemProperties.intProperty(FIRST_SEED_PROPERTY, 0), SystemProperties.intProperty(PROGRAMS_PROPERTY, 10),
                SystemProperties.intProperty(SCHEDULES_PROPERTY, 20), Strategy.POS);
        found.ifPresent(failing -> fail(failing.program().text() + "\n" + failing.exploration().summary()
                + "\nrun it again: " + replayProperties(failing) + " on " + name + "#generatedConcurrentScenariosStayClean",
                failing.exploration().failure()));
    }

    /** One program, the failing one, explored with the same scheduler seed up to its failing schedule. */
    public static String replayProperties(Found found) {
        return "-D" + FIRST_SEED_PROPERTY + "=" + found.program().seed() + " -D" + PROGRAMS_PROPERTY + "=1 -D"
                + SCHEDULES_PROPERTY + "=" + found.exploration().iterationsRun() + " -D" + FrayExplorer.SEED_PROPERTY
                + "=" + found.exploration().seed();
    }
}
