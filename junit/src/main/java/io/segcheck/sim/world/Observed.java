package io.segcheck.sim.world;

import io.segcheck.model.fault.Faults;
import java.util.function.Supplier;

/**
 * What one real call did: its value, or what it threw. Errors (AssertionError included) are
 * captured, never propagated, because a throw out of the real system is a finding to compare, not
 * a crash of the checker; any other Error is wrapped in a {@link SystemUnderCheckError}.
 */
record Observed(Object value, Throwable failure) {

    static Observed of(Supplier<?> call) {
        try {
            return new Observed(call.get(), null);
        } catch (RuntimeException | AssertionError failure) {
            return new Observed(null, failure);
        } catch (OutOfMemoryError failure) {
            if (!Faults.isInjected(failure)) {
                return new Observed(null, new SystemUnderCheckError("a call", failure));
            }
            return new Observed(null, failure); // a failed mmap made by a fault site
        } catch (Error failure) {
            return new Observed(null, new SystemUnderCheckError("a call", failure));
        }
    }

    static Observed ofVoid(Runnable call) {
        return of(() -> {
            call.run();
            return "ok";
        });
    }

    boolean isOk() {
        return failure == null;
    }
}
