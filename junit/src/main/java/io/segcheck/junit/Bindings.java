package io.segcheck.junit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.PropertiesFactory;
import io.segcheck.sim.world.Coverage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The replay notes that name the allocator a file ran on, so segcheck's CLI can bind it again too. */
final class Bindings {

    private Bindings() {
    }

    static Map<String, String> notes(AllocatorFactory factory, Coverage coverage) {
        Map<String, String> notes = new LinkedHashMap<>();
        AllocatorFactory bound = factory instanceof PropertiesFactory withProperties ? withProperties.delegate() : factory;
        notes.put("allocator", bound.getClass().getName());
        notes.put("coverage", coverage.name().toLowerCase(Locale.ROOT));
        if (factory instanceof PropertiesFactory withProperties && !withProperties.properties().isEmpty()) {
            notes.put("allocatorProperties", new AllocatorSettings(1, 1, false, 0, withProperties.properties())
                    .propertiesText());
        }
        return notes;
    }
}
