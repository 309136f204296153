package io.segcheck.model;

/**
 * Where one page is in its life (SPEC §3).
 *
 * <p>The agreed page layer has three real states (live, orphaned, returned); guards and cache
 * mappings are separate facts. This enum projects them onto one name, in priority order: a
 * returned page is RETURNED even if a cache still maps it or a guard is still open; an orphaned
 * page is ORPHANED; a live page with open guards is GUARDED; a live unguarded page that some cache
 * maps is CACHED; otherwise LIVE.
 */
public enum PageState implements Lifecycle {
    /** Owns its segments, no open guard, no cache maps it. */
    LIVE,
    /** Owns its segments, no open guard, at least one cache entry maps it. */
    CACHED,
    /** Owns its segments and has at least one open guard. */
    GUARDED,
    /** Removed or retired while guarded: still owns its segments until the last guard closes. */
    ORPHANED,
    /** Its segments went back to the allocator; slot access throws until {@code resetForReuse}. */
    RETURNED
}
