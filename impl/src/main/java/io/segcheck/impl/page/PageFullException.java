package io.segcheck.impl.page;

/**
 * A write would need a segment larger than the largest size class (262144 bytes). The page is
 * unchanged. Extends {@link IllegalStateException} because the page's state (how full it is), not
 * the argument alone, makes the write impossible.
 */
public final class PageFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PageFullException(String message) {
        super(message);
    }
}
