package io.segcheck.api;

import java.util.List;
import java.util.Map;

/** A factory whose settings always carry some allocator properties (see {@link AllocatorFactory#withProperties}). */
final class PropertiesFactory implements AllocatorFactory {

    private final AllocatorFactory delegate;
    private final Map<String, String> properties;

    PropertiesFactory(AllocatorFactory delegate, Map<String, String> properties) {
        this.delegate = delegate;
        this.properties = Map.copyOf(properties);
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
