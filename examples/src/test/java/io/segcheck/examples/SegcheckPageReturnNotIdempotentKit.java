package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.PageFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPageFactory;
import io.segcheck.kit.PageContract;

/** The page contract against segcheck's page with RETURN_NOT_IDEMPOTENT switched on; run by {@link PlantedPageBugsTest}, not by surefire. */
class SegcheckPageReturnNotIdempotentKit extends PageContract {

    /** Public, no-argument: the kit's forked checks rebuild it by its class name. */
    public static final class Factory extends KeyValueLeafPageFactory {
        public Factory() {
            super(Defects.of(Defect.RETURN_NOT_IDEMPOTENT));
        }
    }

    @Override
    protected PageFactory pageFactory() {
        return new Factory();
    }

    @Override
    protected AllocatorFactory allocatorFactory() {
        return new SegcheckAllocatorFactory();
    }
}
