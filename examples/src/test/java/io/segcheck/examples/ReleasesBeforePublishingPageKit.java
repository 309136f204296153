package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page whose resize releases the old segment before it publishes the new one; run by {@link PlantedPageBugsTest}, not by surefire. */
class ReleasesBeforePublishingPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.ReleasesBeforePublishing();
    }
}
