package io.segcheck.model.fault;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An injected fault names its site and is told apart from a real failure; each site says what fails. */
class FaultSiteTextTest {

    @Test
    void anInjectedFaultNamesItsSiteAndEachSiteSaysWhatFails() {
        InjectedFault fault = new InjectedFault(FaultSite.RESIZE_AFTER_COPY, "resize failed");
        assertEquals(FaultSite.RESIZE_AFTER_COPY, fault.site());
        assertTrue(fault.getMessage().endsWith(InjectedFault.MARKER), fault::getMessage);
        assertTrue(Faults.isInjected(fault));
        assertFalse(Faults.isInjected(new IllegalStateException("real")));
        for (FaultSite site : FaultSite.values()) {
            assertFalse(site.description().isBlank(), site::name);
        }
    }
}
