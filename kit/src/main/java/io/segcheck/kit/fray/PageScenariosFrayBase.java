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
 * scenarios must stay clean over {@code races.pagePrograms} programs (default 10, from seed 0) of
 * {@code races.pageSchedules} schedules each (default 20).
 * <pre>{@code
 * class MyPageScenariosFrayTest extends PageScenariosFrayBase {
 *     @Override protected PageFactory pageFactory() { return new MyPageFactory(); }
 * }
 * }</pre>
 * A failure prints the program, Fray's summary line and the properties that run its schedules again.
 */
public abstract class PageScenariosFrayBase {

    /** Programs searched; default 10. */
    public static final String PROGRAMS_PROPERTY = "races.pagePrograms";
    /** Schedules per program; default 20. */
    public static final String SCHEDULES_PROPERTY = "races.pageSchedules";

    /** The pages under check. */
    protected abstract PageFactory pageFactory();

    /** The allocator the pages lease from, under segcheck's observing one: a plain one unless overridden. */
    protected AllocatorFactory allocatorFactory() {
        return new PlainAllocatorFactory();
    }

    @Test
    void generatedConcurrentScenariosStayClean(TestInfo test) {
        String name = test.getTestClass().orElseThrow().getSimpleName();
        Optional<Found> found = new GeneratedPageScenarios(pageFactory(), allocatorFactory()).search(name, 0,
                SystemProperties.intProperty(PROGRAMS_PROPERTY, 10), SystemProperties.intProperty(SCHEDULES_PROPERTY, 20),
                Strategy.POS);
        found.ifPresent(failing -> fail(failing.program().text() + "\n" + failing.exploration().summary()
                + "\nrun these schedules again with: " + failing.exploration().replayProperties(),
                failing.exploration().failure()));
    }
}
