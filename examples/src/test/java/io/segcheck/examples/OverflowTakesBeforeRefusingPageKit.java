package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page whose write past the maximum leaks the segment it took before refusing; run by {@link PlantedPageBugsTest}, not by surefire. */
class OverflowTakesBeforeRefusingPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.OverflowTakesBeforeRefusing();
    }
}
