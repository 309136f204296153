package io.segcheck.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test method its {@link Segcheck}, set up from the run's JUnit configuration parameters
 * ({@link SegcheckSettings}) and naming the test, so a failure can say which test replays it.
 */
public final class SegcheckExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Segcheck.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SegcheckSettings settings = SegcheckSettings.from(context::getConfigurationParameter);
        String method = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
        return new Segcheck(settings, context.getRequiredTestClass().getSimpleName(), method,
                context::publishReportEntry);
    }
}
