package io.segcheck.kit;

import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sub-cases of one kit test, each run even when an earlier one failed, so a report lists every
 * sub-case that broke and not only the first. Each failure names the call under test and the
 * sub-case ({@code "allocate(0): expected IllegalArgumentException ..."}).
 */
final class SubCases {

    private final String call;
    private final Map<String, Executable> cases = new LinkedHashMap<>();

    private SubCases(String call) {
        this.call = call;
    }

    /** Sub-cases of {@code call}, the call under test, as a reader would name it ({@code "release(view)"}). */
    static SubCases of(String call) {
        return new SubCases(call);
    }

    /** Adds the sub-case {@code name}; it runs in {@link #runAll()}, in the order added. */
    SubCases add(String name, Executable check) {
        cases.put(name, check);
        return this;
    }

    /**
     * Runs every sub-case, then fails with every failure: one failure as itself (renamed), several
     * as one {@link MultipleFailuresError} listing them. Skips (assumption failures) and errors that
     * are no assertion failure propagate as they are once all sub-cases ran.
     */
    void runAll() {
        List<Throwable> failures = new ArrayList<>();
        for (Map.Entry<String, Executable> entry : cases.entrySet()) {
            try {
                entry.getValue().execute();
            } catch (OutOfMemoryError | org.opentest4j.TestAbortedException propagate) {
                throw propagate;
            } catch (Throwable failure) {
                failures.add(new AssertionFailedError(call + " [" + entry.getKey() + "]: " + failure.getMessage(),
                        failure));
            }
        }
        if (failures.size() == 1) {
            throw (AssertionFailedError) failures.getFirst();
        }
        if (!failures.isEmpty()) {
            throw new MultipleFailuresError(call + ": " + failures.size() + " of " + cases.size()
                    + " sub-cases failed", failures);
        }
    }
}
