package io.segcheck.fray;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.kit.fray.PageScenariosFrayBase;

/** The kit's generated page scenarios on segcheck's own page, bound through the same seam as any team's: clean. */
class SegcheckPageScenariosFrayTest extends PageScenariosFrayBase {

    @Override
    protected PageFactory pageFactory() {
        return new KeyValueLeafPageFactory();
    }

    @Override
    protected AllocatorFactory allocatorFactory() {
        return new SegcheckAllocatorFactory();
    }
}
