/**
 * A JCStress base for any allocator: {@link io.segcheck.kit.jcstress.AllocatorStressState}, a state
 * class whose constructor takes the factory and whose actor and arbiter bodies a concrete
 * {@code @JCStressTest} calls, one line each. Needs {@code org.openjdk.jcstress:jcstress-core}
 * (an optional dependency of the kit) and its annotation processor in the user's JCStress module.
 */
package io.segcheck.kit.jcstress;
