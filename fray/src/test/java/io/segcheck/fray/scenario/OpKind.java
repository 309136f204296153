package io.segcheck.fray.scenario;

import java.util.Locale;

/**
 * The calls a generated scenario makes, over the whole public API, each with the number of its
 * integer arguments. Object arguments (a page, a guard, a raw lease) are positions modulo the
 * objects the calling thread can reach when the call runs, so any shrunk scenario stays runnable
 * (a call with nothing to act on is a no-op, on the real system and in the reference alike).
 */
enum OpKind {
    /** allocate(bytes). */
    ALLOCATE(1),
    /** release(lease): one of the thread's raw leases, released already or not (stale releases included). */
    RELEASE(1),
    /** release of a segment the allocator never handed out: 0 another arena's, 1 a heap segment. */
    RELEASE_FOREIGN(1),
    /** stats(): the leased segment count. */
    STATS(0),
    /** close() of the allocator. */
    CLOSE(0),
    /** pool.borrowPage(slotBytes, deweyIdsStored). */
    BORROW(2),
    /** page.setSlot(slot, payload(length, fill)): a write that may resize the page's memory. */
    SET_SLOT(4),
    /** page.setDeweyId(slot, payload(length, fill)): on a shared-segment page it resizes the shared segment. */
    SET_DEWEY_ID(4),
    /** page.getSlot(slot). */
    GET_SLOT(2),
    /** page.returnSegmentsToAllocator(). */
    RETURN_SEGMENTS(1),
    /** pool.returnPage(page). */
    RETURN_PAGE(1),
    /** page.clear(). */
    CLEAR(1),
    /** page.resetForReuse with fresh leases: one shared segment (flag 0) or a slot and a DeweyID segment. */
    RESET_FOR_REUSE(3),
    /** page.guard(). */
    GUARD(1),
    /** guard.close() of one of the thread's guards. */
    CLOSE_GUARD(1),
    /** cache.put(key, page). */
    PUT(2),
    /** cache.getAndGuard(key). */
    GET_AND_GUARD(1),
    /** cache.invalidate(key). */
    INVALIDATE(1),
    /** cache.invalidateAll(). */
    INVALIDATE_ALL(0),
    /** cache.cleanUp(). */
    CLEAN_UP(0);

    private final int argCount;

    OpKind(int argCount) {
        this.argCount = argCount;
    }

    int argCount() {
        return argCount;
    }

    /** The name in scenario text: {@code setSlot}, {@code getAndGuard}. */
    String text() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder text = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            text.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return text.toString();
    }

    static OpKind ofText(String text) {
        for (OpKind kind : values()) {
            if (kind.text().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown scenario call=" + text);
    }

    /** Whether the call acts on one of the thread's pages (its first argument picks it). */
    boolean takesPage() {
        return switch (this) {
            case SET_SLOT, SET_DEWEY_ID, GET_SLOT, RETURN_SEGMENTS, RETURN_PAGE, CLEAR, RESET_FOR_REUSE, GUARD -> true;
            default -> false;
        };
    }
}
