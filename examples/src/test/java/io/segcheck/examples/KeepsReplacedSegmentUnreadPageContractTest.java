package io.segcheck.examples;

import io.segcheck.api.PageFactory;
import io.segcheck.examples.page.AppendLogPageFactory;
import io.segcheck.kit.PageContract;

/** The example page keeping the segment a resize gave back in a field it never reads: it passes, because the oracle judges what a page does, not what its fields hold. */
class KeepsReplacedSegmentUnreadPageContractTest extends PageContract {

    @Override
    protected PageFactory pageFactory() {
        return new AppendLogPageFactory.KeepsReplacedSegmentUnread();
    }
}
