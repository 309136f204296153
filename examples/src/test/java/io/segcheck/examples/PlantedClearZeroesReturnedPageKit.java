package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page whose clear() zeroes returned segments; run by {@link PlantedPageBugsTest}, not by surefire. */
class PlantedClearZeroesReturnedPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.ClearZeroesReturned();
    }
}
