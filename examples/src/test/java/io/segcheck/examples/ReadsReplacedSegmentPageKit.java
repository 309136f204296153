package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against the example page that reads the segment its last resize gave back; run by {@link PlantedPageBugsTest}, not by surefire. */
class ReadsReplacedSegmentPageKit extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.ReadsReplacedSegment();
    }
}
