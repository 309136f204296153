package io.segcheck.model.fault;

import io.segcheck.model.ErrorKind;
import io.segcheck.model.ViolationKind;

/**
 * An exception of the system under check that says what it means to the model, so a checker that
 * does not link the system (the allocator-only checks a team runs) still reads it right: a page's
 * refused write is a legal {@link ErrorKind#PAGE_FULL}; a poison violation is never legal and is a
 * use after release.
 */
public interface ModeledFailure {

    /** The API error this failure legally is, or null when it is never legal. */
    ErrorKind errorKind();

    /** What the failure is when the model did not predict it. */
    ViolationKind violationKind();
}
