package io.segcheck.api;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One page of a team's own page class, as segcheck drives and observes it: the adapter a team
 * writes over its page so that every checker can run it. It forwards each call to the page and
 * adds nothing of its own, because segcheck judges the page by what it does through the allocator
 * it was built on ({@link PageFactory#create}), never by what the adapter says.
 *
 * <p>What the page declares about itself is in its {@link PageDesign}; what no design may relax:
 * <ul>
 *   <li>every segment the page holds is leased to this page and to no one else;</li>
 *   <li>a resize publishes the new segment before it releases the old one, and releases the old
 *       one exactly once;</li>
 *   <li>{@link #returnSegments()} releases every held segment exactly once, under any number of
 *       repeated or concurrent calls, and afterwards the page holds nothing;</li>
 *   <li>nothing writes a released segment; data written reads back, across resizes.</li>
 * </ul>
 *
 * <p>Errors: a call the design declares illegal in the page's state throws
 * {@link IllegalStateException} and changes nothing; a DeweyID call on a page built without
 * DeweyIDs throws {@link IllegalStateException} too. Any other refusal is the page's own and must
 * also leave it unchanged.
 */
public interface PageAdapter {

    /** A pin on a page; closing it is the team's guard release and throws nothing checked. */
    interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    /** Writes {@code data} into record slot {@code slot}; may resize the record area. */
    void writeRecord(int slot, byte[] data);

    /** A copy of record slot {@code slot}, or null when it is empty. */
    byte[] readRecord(int slot);

    /** Writes a DeweyID into {@code slot}; may resize the DeweyID area (the shared segment when shared). */
    void writeDeweyId(int slot, byte[] data);

    /** A copy of DeweyID slot {@code slot}, or null when it is empty. */
    byte[] readDeweyId(int slot);

    /**
     * Gives every held segment back to the allocator: the team's {@code returnSegmentsToAllocator},
     * called as is (segcheck calls it repeatedly and from racing threads on purpose).
     */
    void returnSegments();

    /** Empties every slot; writes memory only when the design says so, and never after a return. */
    void clear();

    /**
     * Makes a returned page live and empty again. With {@link PageDesign.Reset#TAKES_SEGMENTS}
     * segcheck leases the segments from the page's allocator and hands them over ({@code deweyIds}
     * is the same instance as {@code records} for a shared page and null for a page without
     * DeweyIDs); with {@link PageDesign.Reset#ALLOCATES_OWN} both are null and the page leases its
     * own from the allocator it was built on.
     */
    void reset(MemorySegment records, MemorySegment deweyIds);

    /**
     * Pins the page until the returned guard closes.
     *
     * @throws UnsupportedOperationException when the design declares no guards
     */
    Guard guard();

    /**
     * The segments the page holds now and will read or write again (one entry for a shared segment),
     * any view of each with the lease's address and size; empty once returned. A segment the page
     * keeps in a field but never touches again is not held. segcheck may call this from inside the
     * page's own allocator calls (to see whether a resize published before it released), so it
     * must not take a lock the page holds across those calls unless that lock is reentrant.
     */
    List<MemorySegment> heldSegments();
}
