package io.segcheck.kit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;

/**
 * Turns an {@link OutOfMemoryError} or {@link StackOverflowError} thrown by the allocator under test
 * into a failure of that one test. JUnit treats both as unrecoverable and aborts the whole run,
 * which would hide every other finding of the class.
 */
public final class ContainFatalErrors implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        contain(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        contain(invocation, extensionContext);
    }

    private static void contain(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } catch (OutOfMemoryError | StackOverflowError fatal) {
            throw new AssertionFailedError(context.getDisplayName() + ": the allocator threw " + fatal, fatal);
        }
    }
}
