package io.segcheck.model.fault;

/**
 * The failure a fault site throws where the real failure would be an exception of the system's
 * own making (a resize that fails part-way). Sites that imitate a JDK failure throw the JDK's
 * type instead, with {@link #MARKER} at the end of the message.
 */
public final class InjectedFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Ends the message of every injected failure, so a report can tell it from a real one. */
    public static final String MARKER = " [injected]";

    private final FaultSite site;

    public InjectedFault(FaultSite site, String what) {
        super(what + ": site=" + site + MARKER);
        this.site = site;
    }

    public FaultSite site() {
        return site;
    }
}
