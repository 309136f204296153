package io.segcheck.kit;

import io.segcheck.api.AllocatorDesign;
import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.Probes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seam's declarations, settings and hook on their own: defaults, validation, pass-through. */
class SeamDeclarationsTest {

    @Test
    void aDesignRefusesViewsAndBadSizesAndValidatesReleasesUnlessItSaysOtherwise() {
        AllocatorDesign plain = AllocatorDesign.builder(List.of(4096, 8192)).build();
        assertEquals(AllocatorDesign.ViewRelease.REFUSED, plain.viewRelease());
        assertEquals(AllocatorDesign.BadSizeSignal.ILLEGAL_ARGUMENT, plain.badSizeSignal());
        assertTrue(plain.validatesReleases());
        assertTrue(plain.refusesSize(0) && plain.refusesSize(-1) && plain.refusesSize(8193));
        assertFalse(plain.servesOutsideClasses(8193));
        AllocatorDesign serving = AllocatorDesign.builder(List.of(4096, 8192))
                .oversizeRequests(AllocatorDesign.OversizeRequests.SERVED_OUTSIDE_CLASSES)
                .rejectedRelease(AllocatorDesign.RejectedRelease.NOT_VALIDATED).build();
        assertFalse(serving.refusesSize(8193), "served outside the classes");
        assertTrue(serving.refusesSize(0), "a size <= 0 is still refused");
        assertTrue(serving.servesOutsideClasses(8193) && !serving.servesOutsideClasses(8192));
        assertFalse(serving.validatesReleases());
        assertTrue(serving.describe().contains("oversizeRequests=SERVED_OUTSIDE_CLASSES"), serving.describe());
    }

    @Test
    void propertiesParseValidateAndPassThroughAFactory() {
        assertEquals(Map.of("a", "1", "b.c", "true"), AllocatorSettings.parseProperties("a=1, b.c=true"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AllocatorSettings.parseProperties("a=1,broken"));
        assertTrue(bad.getMessage().contains("entry='broken' must be NAME=VALUE"), bad.getMessage());
        AllocatorSettings settings = AllocatorSettings.roomy().withProperty("pool.trust", "yes");
        IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
                () -> settings.booleanProperty("pool.trust", false));
        assertTrue(notBoolean.getMessage().contains("pool.trust=yes must be true or false"), notBoolean.getMessage());
        assertEquals("pool.trust=yes", settings.propertiesText());
        assertEquals(settings.properties(), AllocatorSettings.parseProperties(settings.propertiesText()));

        List<AllocatorSettings> seen = new ArrayList<>();
        AllocatorFactory recording = new AllocatorFactory() {
            @Override
            public OffHeapAllocator create(AllocatorSettings given) {
                seen.add(given);
                return null;
            }

            @Override
            public AllocatorDesign design(AllocatorSettings given) {
                seen.add(given);
                return AllocatorDesign.builder(List.of(4096)).build();
            }
        };
        AllocatorFactory bound = recording.withProperties(Map.of("pool.trust", "true"));
        bound.design(AllocatorSettings.roomy());
        bound.create(AllocatorSettings.roomy().withProperty("other", "x"), Probes.none());
        assertEquals("true", seen.get(0).property("pool.trust", "?"));
        assertEquals(Map.of("other", "x", "pool.trust", "true"), seen.get(1).properties());
    }

    @Test
    void productionProbesDoNothingAndASinkHearsEveryMarkAndDecidesEveryFault() {
        assertFalse(Probes.none().active());
        assertFalse(Probes.none().fault("any"));
        Probes.none().mark("any");
        List<String> heard = new ArrayList<>();
        Probes probes = Probes.to(new Probes.Sink() {
            @Override
            public void reached(String mark) {
                heard.add("mark " + mark);
            }

            @Override
            public boolean fires(String site) {
                heard.add("fault " + site);
                return site.equals("on");
            }
        });
        probes.mark("rare");
        assertTrue(probes.fault("on"));
        assertFalse(probes.fault("off"));
        assertEquals(List.of("mark rare", "fault on", "fault off"), heard);
    }
}
