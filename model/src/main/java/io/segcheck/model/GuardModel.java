package io.segcheck.model;

/**
 * One guard handed out by {@code guard()} or {@code getAndGuard}. Closing it twice closes it once.
 */
public final class GuardModel {

    private final int id;
    private final int pageId;
    private final int pageLife;
    private boolean closed;

    GuardModel(int id, int pageId, int pageLife) {
        this.id = id;
        this.pageId = pageId;
        this.pageLife = pageLife;
    }

    public int id() {
        return id;
    }

    public int pageId() {
        return pageId;
    }

    /** The page's {@link PageModel#life()} when the guard was opened. */
    public int pageLife() {
        return pageLife;
    }

    public boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
