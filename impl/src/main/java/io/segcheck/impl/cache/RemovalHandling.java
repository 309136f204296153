package io.segcheck.impl.cache;

/** What a {@link PageCache}'s removal listener did with a removed page. */
public enum RemovalHandling {
    /** Handed to {@code pool.returnPage}: returned now, or orphaned until its last guard closes. */
    RETIRED,
    /** The key maps the same page again (e.g. it was re-put), so the page was left alone. */
    STILL_MAPPED,
    /**
     * The page's life the entry was put in had already ended (returned elsewhere, possibly reset
     * for another owner), so the page was left alone.
     */
    LIFE_ENDED,
    /** Only cleared, never returned: the EVICTION_SKIPS_RETURN defect. */
    CLEARED_ONLY,
    /** Handing the page back threw; the exception is in {@link PageCache#listenerFailures()}. */
    FAILED
}
