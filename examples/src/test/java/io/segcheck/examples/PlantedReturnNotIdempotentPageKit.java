package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page whose return races release twice; run by {@link PlantedPageBugsTest}, not by surefire. */
class PlantedReturnNotIdempotentPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.ReturnNotIdempotent();
    }
}
