package io.segcheck.model.fault;

/** The hook that never fires; a final class with one instance, so a site's call inlines to nothing. */
final class NoFaults implements Faults {

    static final NoFaults INSTANCE = new NoFaults();

    private NoFaults() {
    }

    @Override
    public boolean fire(FaultSite site) {
        return false;
    }
}
