package io.segcheck.sim.world;

import io.segcheck.impl.defect.Defects;
import io.segcheck.sim.runner.Switches;

/** segcheck's defect switches as the runner carries them: by name ({@link SystemParts} reads them back). */
public final class DefectSwitches {

    private DefectSwitches() {
    }

    /** The switches naming {@code defects}, in declaration order. */
    public static Switches of(Defects defects) {
        return Switches.parse(defects.toString());
    }

    /** The defects {@code switches} name; throws naming an unknown one and the known names. */
    public static Defects defects(Switches switches) {
        return Defects.parse(switches.toString());
    }
}
