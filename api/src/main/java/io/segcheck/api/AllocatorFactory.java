package io.segcheck.api;

/**
 * The plug-in point: how segcheck builds the allocator under check and learns its design. A user
 * implements this in their own jar with a public no-argument constructor and names the class to
 * the CLI ({@code --allocator CLASS --classpath JAR}) or returns an instance from the contract
 * kit's factory method. segcheck's own allocator is bound through this interface too.
 *
 * <p>Every call to {@link #create} must return a new, independent allocator: segcheck builds one
 * per seed, per shrink attempt and per test, often many in one JVM.
 */
public interface AllocatorFactory {

    /** A new allocator for {@code settings}. */
    OffHeapAllocator create(AllocatorSettings settings);

    /**
     * A new allocator for {@code settings} whose marks and fault sites report to {@code probes}.
     * Override it when the allocator declares {@link #markNames()} or {@link #faultSiteNames()};
     * by default the probes are ignored.
     */
    default OffHeapAllocator create(AllocatorSettings settings, Probes probes) {
        return create(settings);
    }

    /** The rare paths the allocator marks through its {@link Probes}, by name; none by default. */
    default java.util.List<String> markNames() {
        return java.util.List.of();
    }

    /** The fault sites the allocator asks its {@link Probes} about, by name; none by default. */
    default java.util.List<String> faultSiteNames() {
        return java.util.List.of();
    }

    /** The design of the allocators {@link #create} returns for {@code settings}. */
    AllocatorDesign design(AllocatorSettings settings);

    /**
     * This factory with the allocator properties {@code properties} added to every settings it is
     * given (over any of the same name), e.g. to sweep a variant of the allocator from a test.
     */
    default AllocatorFactory withProperties(java.util.Map<String, String> properties) {
        return new PropertiesFactory(this, properties);
    }

    /** A short name for reports; the class name by default. */
    default String name() {
        return getClass().getName();
    }

    /**
     * Instantiates the factory class {@code className} from {@code loader} through its public
     * no-argument constructor.
     *
     * @throws IllegalArgumentException saying what is wrong: no such class, not a factory, no public
     *     no-argument constructor, or the constructor threw
     */
    static AllocatorFactory load(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError missing) {
            throw new IllegalArgumentException("allocator factory class=" + className
                    + " not found on the class path (" + missing + ")", missing);
        }
        if (!AllocatorFactory.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class=" + className + " does not implement "
                    + AllocatorFactory.class.getName());
        }
        try {
            return (AllocatorFactory) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException noConstructor) {
            throw new IllegalArgumentException("class=" + className
                    + " needs a public no-argument constructor and must not be abstract (" + noConstructor + ")",
                    noConstructor);
        } catch (java.lang.reflect.InvocationTargetException thrown) {
            throw new IllegalArgumentException("class=" + className + ": its constructor threw "
                    + thrown.getCause(), thrown.getCause());
        }
    }
}
