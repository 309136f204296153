package io.segcheck.api;

import java.util.List;
import java.util.Map;

/**
 * A factory whose settings always carry some allocator properties (see {@link
 * AllocatorFactory#withProperties}); a report names the bound factory and the properties, so a
 * replay binds the same variant again.
 */
public final class PropertiesFactory implements AllocatorFactory {

    private final AllocatorFactory delegate;
    private final Map<String, String> properties;

    PropertiesFactory(AllocatorFactory delegate, Map<String, String> properties) {
        this.delegate = delegate;
        this.properties = Map.copyOf(properties);
    }

    /** The factory the properties are added for. */
    public AllocatorFactory delegate() {
        return delegate;
    }

    /** The properties added to every settings. */
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings) {
        return delegate.create(settings.withProperties(properties));
    }

    @Override
    public OffHeapAllocator create(AllocatorSettings settings, Probes probes) {
        return delegate.create(settings.withProperties(properties), probes);
    }

    @Override
    public AllocatorDesign design(AllocatorSettings settings) {
        return delegate.design(settings.withProperties(properties));
    }

    @Override
    public List<String> markNames() {
        return delegate.markNames();
    }

    @Override
    public List<String> faultSiteNames() {
        return delegate.faultSiteNames();
    }

    /** The bound factory's name and the properties, e.g. {@code my.Factory[pool.trust=true]}. */
    @Override
    public String name() {
        return delegate.name() + new java.util.TreeMap<>(properties);
    }
}
