package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page, exactly as a team's build would run it. */
class AppendLogPageContractTest extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory();
    }
}
