package io.segcheck.impl.alloc;

import java.lang.foreign.Arena;

/**
 * Guard mode's record of one lease: the scope of the view handed out, and who owned it.
 *
 * @param arena the per-lease arena (shared unless the allocator has one thread); closed on release
 *     so the view throws on access
 * @param ownerThread name of the thread that leased the slice
 * @param leaseNumber allocator-wide sequence number of the lease, so a report names one lease
 */
record GuardLease(Arena arena, String ownerThread, long leaseNumber) {

    String owner() {
        return "lease#" + leaseNumber + " thread=" + ownerThread;
    }
}
