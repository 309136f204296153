package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page whose pool forgets the pages given back to it; run by {@link PlantedPageBugsTest}, not by surefire. */
class PlantedPoolDropsPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.PoolDropsGivenBackPages();
    }
}
