package io.segcheck.api;

import java.lang.reflect.InvocationTargetException;

/** Builds a plug-in class a user names by its public no-argument constructor, saying clearly what went wrong. */
final class Plugins {

    private Plugins() {
    }

    /**
     * An instance of {@code className}, loaded from {@code loader}, which must implement {@code type}.
     *
     * @param what the plug-in's name in messages ("page factory")
     * @throws IllegalArgumentException saying what is wrong: no such class, not a {@code type}, no
     *     public no-argument constructor, or the constructor threw
     */
    static <T> T instantiate(String className, ClassLoader loader, Class<T> type, String what) {
        Class<?> found;
        try {
            found = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError missing) {
            throw new IllegalArgumentException(what + " class=" + className + " not found on the class path ("
                    + missing + ")", missing);
        }
        if (!type.isAssignableFrom(found)) {
            throw new IllegalArgumentException("class=" + className + " does not implement " + type.getName());
        }
        try {
            return type.cast(found.getConstructor().newInstance());
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException noConstructor) {
            throw new IllegalArgumentException("class=" + className
                    + " needs a public no-argument constructor and must not be abstract (" + noConstructor + ")",
                    noConstructor);
        } catch (InvocationTargetException thrown) {
            throw new IllegalArgumentException("class=" + className + ": its constructor threw "
                    + thrown.getCause(), thrown.getCause());
        }
    }
}
