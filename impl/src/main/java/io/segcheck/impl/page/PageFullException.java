package io.segcheck.impl.page;

import io.segcheck.model.ErrorKind;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.fault.ModeledFailure;

/**
 * A write would need a segment larger than the largest size class (262144 bytes). The page is
 * unchanged and still live. Not an {@link IllegalStateException}, which the page throws only when
 * it was returned: a caller catching that one to detect a returned page must not mistake a full
 * page for it.
 */
public final class PageFullException extends RuntimeException implements ModeledFailure {

    private static final long serialVersionUID = 1L;

    public PageFullException(String message) {
        super(message);
    }

    /** A refused write is legal: the page stays as it was. */
    @Override
    public ErrorKind errorKind() {
        return ErrorKind.PAGE_FULL;
    }

    @Override
    public ViolationKind violationKind() {
        return ViolationKind.UNEXPECTED_ERROR;
    }
}
