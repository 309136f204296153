package io.segcheck.model;

/**
 * Who holds a lease: a page in one of its roles, or the caller directly (a raw lease from
 * {@code allocate}).
 *
 * @param pageId the page's model id, or -1 for a raw lease
 * @param role how the holder uses the segment
 */
public record Owner(int pageId, Role role) {

    /** How a segment is held. */
    public enum Role {
        /** Leased directly by a caller of {@code allocate}. */
        RAW,
        /** A page's slot memory (DeweyIDs stored separately). */
        SLOT,
        /** A page's separate DeweyID memory. */
        DEWEY,
        /** A page's slot memory that is also its DeweyID field (DeweyIDs not stored). */
        SHARED
    }

    public static final Owner RAW = new Owner(-1, Role.RAW);

    public static Owner page(int pageId, Role role) {
        if (pageId < 0 || role == Role.RAW) {
            throw new IllegalArgumentException("pageId=" + pageId + " role=" + role + ": a page owner needs an id and a page role");
        }
        return new Owner(pageId, role);
    }

    @Override
    public String toString() {
        return role == Role.RAW ? "a raw lease" : "page#" + pageId + " as " + role;
    }
}
