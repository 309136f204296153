package io.segcheck.examples.page;

/** A write that would need an area larger than {@link AppendLogPage#MAX_AREA_BYTES}; the page is unchanged. */
public final class PageOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PageOverflowException(String message) {
        super(message);
    }
}
