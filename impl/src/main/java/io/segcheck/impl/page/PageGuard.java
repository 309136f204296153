package io.segcheck.impl.page;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pin on a {@link KeyValueLeafPage}: while any guard is open the page keeps its segments, even
 * when a cache removes it or the pool retires it (it is then ORPHANED and returned when the last
 * guard closes). {@link #close()} is idempotent per guard. Thread-safe.
 */
public final class PageGuard implements AutoCloseable {

    private final KeyValueLeafPage page;
    /** The page's life this guard was opened in (see {@link PageOwnership#closeGuard}). */
    private final long life;
    private final AtomicBoolean closed = new AtomicBoolean();

    PageGuard(KeyValueLeafPage page, long life) {
        this.page = page;
        this.life = life;
    }

    /** The guarded page; read it while this guard is open. */
    public KeyValueLeafPage page() {
        return page;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Releases this guard once; a second close does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            page.ownership().closeGuard(life);
        }
    }
}
