package io.segcheck.examples.page;

/**
 * Which {@link AppendLogPage} to build: the correct one, one that keeps a released segment in a
 * field it never reads (still correct: the oracle judges behaviour, not fields), or one with a
 * bug planted: each of the seed note's four page-side bug classes, a stale read, a release before
 * publishing, a pool that drops what it is given back, and a cache whose removal listener never
 * returns segments.
 */
public enum PageVariant {
    /** The page as it should be. */
    CORRECT,
    /** Remembers the segment a resize replaced, for a debugging dump nobody calls: harmless. */
    KEEPS_REPLACED_SEGMENT_UNREAD,
    /** Checks the layout's magic byte in the segment a resize replaced on every read: reads released memory. */
    READS_REPLACED_SEGMENT,
    /** A write past the maximum takes the larger segment before it refuses, and never gives it back. */
    OVERFLOW_TAKES_BEFORE_REFUSING,
    /** A resize gives the old segment back before it publishes the new one (invisible to its own thread). */
    RELEASES_BEFORE_PUBLISHING,
    /** A resize of the shared segment updates the record field only; the DeweyID field keeps the released one. */
    SHARED_RESIZE_UPDATES_ONE_FIELD,
    /** A return marks the page returned and releases nothing (the eviction that never returned segments). */
    RETURN_RELEASES_NOTHING,
    /** A return checks its flag, releases, then sets the flag, without a lock: racing returns release twice. */
    RETURN_NOT_IDEMPOTENT,
    /** clear() zeroes the page's segments even after they were returned. */
    CLEAR_ZEROES_RETURNED,
    /** The page is correct; its pool forgets a page given back without returning its segments. */
    POOL_DROPS_GIVEN_BACK_PAGES,
    /** The page is correct; its cache's removal listener counts a removed page and never returns its segments. */
    EVICTION_LISTENER_NEVER_RETURNS
}
