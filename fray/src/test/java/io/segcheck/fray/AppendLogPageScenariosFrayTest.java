package io.segcheck.fray;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.fray.PageScenariosFrayBase;

/** The kit's generated page scenarios, through their JUnit base, on the example page: clean. */
class AppendLogPageScenariosFrayTest extends PageScenariosFrayBase {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory();
    }
}
