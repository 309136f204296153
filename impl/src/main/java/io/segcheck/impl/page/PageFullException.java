package io.segcheck.impl.page;

/**
 * A write would need a segment larger than the largest size class (262144 bytes). The page is
 * unchanged and still live. Not an {@link IllegalStateException}, which the page throws only when
 * it was returned: a caller catching that one to detect a returned page must not mistake a full
 * page for it.
 */
public final class PageFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PageFullException(String message) {
        super(message);
    }
}
