package io.segcheck.sim.matrix;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.impl.alloc.SegcheckAllocatorFactory;
import io.segcheck.impl.defect.Defects;
import io.segcheck.kit.OffHeapAllocatorContract;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The contract kit against segcheck's allocator with the defects named by the launcher's
 * configuration parameter {@value #DEFECTS_PARAMETER} switched on; {@link KitDetector} launches it.
 * No shared state: each launch hands its defects to the test instances through the constructor.
 */
@ExtendWith(KitContractUnderDefects.DefectsFromConfiguration.class)
public class KitContractUnderDefects extends OffHeapAllocatorContract {

    /** Comma-separated defect names ({@link Defects#parse}); blank or absent: the fixed allocator. */
    static final String DEFECTS_PARAMETER = "segcheck.kit.defects";

    private final Defects defects;

    KitContractUnderDefects(Defects defects) {
        this.defects = defects;
    }

    @Override
    protected AllocatorFactory factory() {
        return new SegcheckAllocatorFactory(defects);
    }

    /** Resolves the constructor's {@link Defects} from the launch's configuration parameter. */
    static final class DefectsFromConfiguration implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Defects.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return Defects.parse(context.getConfigurationParameter(DEFECTS_PARAMETER).orElse(""));
        }
    }
}
