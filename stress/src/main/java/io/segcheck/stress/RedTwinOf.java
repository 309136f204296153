package io.segcheck.stress;

import io.segcheck.impl.defect.Defect;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the defect a red twin (a JCStress {@code Broken} sibling) switches on, so the check that
 * reads its results can write a detection record per defect for the detection matrix. Read by
 * reflection without initialising the test class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedTwinOf {
    Defect value();
}
